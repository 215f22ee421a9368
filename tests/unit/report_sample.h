/* SPDX-License-Identifier: MIT */
#ifndef TESTS_UNIT_REPORT_SAMPLE_H
#define TESTS_UNIT_REPORT_SAMPLE_H

/*
 * A sample health-check sheet (office + telework) in Japanese or English,
 * with every section filled, for the report tests and the benchmark.
 */

#include "report/report.h"

struct sample_text {
	const char *ja, *en;
};

#define S(j, e) { j, e }

static const struct sample_text sample_office_cat[][3] = {
	/* plain name, chart label, comment (NULL: from the grade) */
	{ S("古いパソコンや書類の捨て方", "How old PCs and papers are thrown "
	  "away"),
	  S("破棄", "Disposal"), S(NULL, NULL) },
	{ S("事務所と機器を、盗難やのぞき見、火事や水から守ること",
	    "Keeping the office and its equipment safe from theft, prying "
	      "eyes, fire and water"),
	  S("施設管理", "Premises"), S(NULL, NULL) },
	{ S("社内の決まりを作り、従業員のみなさんに伝えること",
	    "Writing the rules down and making sure all staff know them"),
	  S("社内規定周知", "Rules known"),
	  S("決まりが紙にまとまっていません", "The rules are not written down"
	    ) },
	{ S("ウイルス感染や情報漏れが起きたときの備え",
	    "Being ready for a virus infection or a leak"),
	  S("事故対応", "Incidents"),
	  S("連絡先と手順を決めましょう", "Agree whom to call and what to do"
	    ) },
	{ S("だれが責任を持ち、何を守るのかをはっきりさせること",
	    "Making clear who is in charge and what must be protected"),
	  S("対策の明確化", "Ownership"), S(NULL, NULL) },
	{ S("Wi-Fiやホームページ閲覧、ネットのサービスの安全な使い方",
	    "Safe use of Wi-Fi, the web and online services"),
	  S("インターネット", "Internet"), S(NULL, NULL) },
	{ S("更新、ウイルス対策、パスワード、共有の設定、バックアップ、メール",
	    "Updates, virus protection, passwords, sharing, backups and e-mail"
	      ),
	  S("基本対策", "Basics"),
	  S("OSの更新が止まっているパソコンがあります",
	    "Some PCs no longer get OS updates") },
};
static const double sample_office_score[][4] = {
	/* score, comparison, previous, grade index */
	{ 75.0, 68.2, 62.5, 1 }, { 45.8, 61.0, 40.0, 2 },
	{ 25.0, 52.4, 25.0, 3 }, { 37.5, 48.9, 12.5, 3 },
	{ 62.5, 55.0, 50.0, 1 }, { 83.3, 70.1, 83.3, 0 },
	{ 54.2, 66.7, 41.7, 2 },
};

static const struct sample_text sample_telework_cat[][2] = {
	{ S("家で働くときの決まりと、困ったときの連絡先",
	    "Rules for working at home, and whom to call"), S("決まり",
	      "Rules") },
	{ S("家のWi-Fiの安全な使い方", "Safe home Wi-Fi"), S("Wi-Fi", "Wi-Fi"
	  ) },
	{ S("家のインターネットの入り口の箱（ルーター）の設定",
	    "Settings of the box that connects the home to the internet (the "
	      "router)"),
	  S("自宅のルーター", "Home router") },
	{ S("仕事で使うパソコンやスマホ", "Work PCs and phones"),
	  S("機器", "Devices") },
	{ S("会社への接続（VPNなど）", "Connecting to the office (VPN)"),
	  S("リモート接続", "Remote access") },
	{ S("家での書類とデータの扱い", "Papers and data at home"),
	  S("データの扱い", "Data at home") },
};
static const double sample_telework_score[][4] = {
	{ 50.0, 58.0, REPORT_NONE, 2 }, { 83.3, 72.0, REPORT_NONE, 0 },
	{ 33.3, 50.0, REPORT_NONE, 3 }, { 66.7, 63.5, REPORT_NONE, 1 },
	{ 58.3, 61.2, REPORT_NONE, 2 }, { 91.7, 70.0, REPORT_NONE, 0 },
};

static const struct sample_text sample_actions[][2] = {
	{ S("基本対策", "Basics"),
	  S("パソコンのOSやソフトを自動で更新する設定にし、サポートが終わったW"
	    "indowsのパソコンは買い替えましょう。",
	    "Turn on automatic updates for the OS and programs, and replace "
	      "PCs whose Windows is no longer supported.") },
	{ S("社内の決まり", "Rules"),
	  S("IPAのひな形を使って、情報セキュリティの基本方針を1枚にまとめ、従"
	    "業員に配りましょう。",
	    "Use IPA's template to write a one-page security policy and give "
	      "it to every member of staff.") },
	{ S("基本対策", "Basics"),
	  S("大事なデータは毎日、外付けのディスクやクラウドに自動でバックアッ"
	    "プし、月に一度は戻せるか試しましょう。",
	    "Back up important data every day to an external disk or online "
	      "storage, and test a restore once a month.") },
	{ S("インターネット", "Internet"),
	  S("UTMの導入を検討しましょう。", "Consider a UTM.") },
};
static const enum report_cost sample_costs[] = {
	REPORT_COST_FREE, REPORT_COST_FREE, REPORT_COST_LOW, REPORT_COST_PAID,
};

static const struct sample_text sample_sa1[] = {
	S("パソコンのOSやソフトを常に最新にする",
	  "Keep the OS and software of every PC up to date"),
	S("パスワードを強くし、使い回さない",
	  "Use strong passwords and never reuse them"),
};
static const struct sample_text sample_sa2[] = {
	S("情報セキュリティの基本方針を作る", "Write a basic security policy"),
	S("基本方針を社外に公開する", "Publish the policy"),
	S("5分でできる自社診断の25項目にすべて答える",
	  "Answer all 25 topics of the 5-minute self-check"),
};

static const struct sample_text sample_events[][3] = {
	/* title, devices, phase */
	{ S("外部から、パスワードを次々に試してログインしようとする動きがあり"
	  "ました（入られてはいません）",
	    "Someone outside kept trying password after password to log in "
	      "(they did not get in)"),
	  S(NULL, NULL), S("下見（攻撃の下調べ）", "Scouting: attackers "
	    "looking for a way in") },
	{ S("外から、入り口が開いていないか順番に調べる動き（ポートスキャン）"
	  "がありました",
	    "Someone probed the office for open ways in (a port scan)"),
	  S(NULL, NULL), S(NULL, NULL) },
	{ S("社内のパソコンが、ウイルスを配っていると知られているサイトにつな"
	  "がりました",
	    "A PC in the office connected to a site known to spread viruses"),
	  S("経理PC（山田）", "Accounts PC (Yamada)"),
	  S("ウイルスなどを送り込もうとする段階", "Getting a harmful program "
	    "onto a PC") },
	{ S("社内のパソコンが、犯罪者の指示を受けるためのサーバー（C&C）と通信"
	  "していました",
	    "A PC in the office talked to a criminals' control server (C&C)"),
	  S("受付PC（佐藤）、営業ノート3（鈴木）", "Reception PC (Sato), "
	    "Sales laptop 3 (Suzuki)"),
	  S("感染したパソコンが、外の犯罪者から操られている段階",
	    "An infected PC taking orders from criminals outside") },
};
static const long sample_event_counts[] = { 412, 157, 3, 2 };
static const int sample_event_sev[] = { 1, 0, 2, 2 };

static const struct sample_text sample_unknown[] = {
	S("無線LAN（Wi-Fi）のパスワードは、推測されにくいものにしていますか？",
	  "Is the office Wi-Fi password hard to guess?"),
	S("パソコンを捨てるとき、データを消したことを確かめていますか？",
	  "When you throw a PC away, do you make sure its data is erased?"),
	S("ファイアウォールの設定を、業者と一緒に確認していますか？",
	  "Have you checked the firewall settings with your supplier?"),
};

/* Everything the sample points to, for one language. */
struct sample {
	struct report_sheet sheet;
	struct report_page pages[2];
	struct report_category office[7], telework[6];
	struct report_action actions[4];
	struct report_sa_step sa1[2], sa2[3];
	struct report_sa sa;
	struct report_net_event events[4];
	const char *dev[4];
	struct report_net_phase phases[3];
	struct report_incident incidents[1];
	struct report_network net;
	const char *unknown[3];
};

#define PICK(t, lang) ((lang) == OSK_LANG_JA ? (t).ja : (t).en)

static const char *const sample_grades[] = { "A", "B", "C", "D" };
static const struct report_band sample_bands[] = {
	{ "A", 80 }, { "B", 60 }, { "C", 40 }, { "D", 0 },
};

static void
sample_fill(struct sample *x, enum osk_lang lang)
{
	size_t i;
	bool ja = lang == OSK_LANG_JA;

	memset(x, 0, sizeof(*x));
	for (i = 0; i < 7; i++) {
		struct report_category *k = &x->office[i];

		k->name = PICK(sample_office_cat[i][0], lang);
		k->label = PICK(sample_office_cat[i][1], lang);
		k->comment = PICK(sample_office_cat[i][2], lang);
		k->score = sample_office_score[i][0];
		k->comparison = sample_office_score[i][1];
		k->previous = sample_office_score[i][2];
		k->grade = sample_grades[(int)sample_office_score[i][3]];
	}
	for (i = 0; i < 6; i++) {
		struct report_category *k = &x->telework[i];

		k->name = PICK(sample_telework_cat[i][0], lang);
		k->label = PICK(sample_telework_cat[i][1], lang);
		k->score = sample_telework_score[i][0];
		k->comparison = sample_telework_score[i][1];
		k->previous = sample_telework_score[i][2];
		k->grade = sample_grades[(int)sample_telework_score[i][3]];
	}
	for (i = 0; i < 4; i++) {
		x->actions[i].area = PICK(sample_actions[i][0], lang);
		x->actions[i].text = PICK(sample_actions[i][1], lang);
		x->actions[i].cost = sample_costs[i];
	}
	for (i = 0; i < 2; i++)
		x->sa1[i].text = PICK(sample_sa1[i], lang);
	for (i = 0; i < 3; i++)
		x->sa2[i].text = PICK(sample_sa2[i], lang);
	x->sa.missing1 = x->sa1;
	x->sa.nmissing1 = 2;
	x->sa.missing2 = x->sa2;
	x->sa.nmissing2 = 3;
	for (i = 0; i < 4; i++) {
		x->events[i].title = PICK(sample_events[i][0], lang);
		x->dev[i] = PICK(sample_events[i][1], lang);
		x->events[i].devices = x->dev[i] ? &x->dev[i] : NULL;
		x->events[i].ndevices = x->dev[i] ? 1 : 0;
		x->events[i].count = sample_event_counts[i];
		x->events[i].severity = sample_event_sev[i];
	}
	x->phases[0] = (struct report_net_phase){
		PICK(sample_events[0][2], lang), 569, &x->events[0], 2 };
	x->phases[1] = (struct report_net_phase){
		PICK(sample_events[2][2], lang), 3, &x->events[2], 1 };
	x->phases[2] = (struct report_net_phase){
		PICK(sample_events[3][2], lang), 2, &x->events[3], 1 };
	x->incidents[0].title = ja ? "受付PCの遠隔操作の疑い" :
		"Reception PC may be under remote control";
	x->incidents[0].opened = "2025-11-20";
	x->incidents[0].todo = ja ?
		"LANケーブルを抜き、窓口に連絡してください" :
		"Unplug its network cable and call the desk";
	x->net = (struct report_network){ true, "2025-08-01", "2025-10-31",
					  574, x->phases, 3, x->incidents, 1 };
	for (i = 0; i < 3; i++)
		x->unknown[i] = PICK(sample_unknown[i], lang);

	x->pages[0] = (struct report_page){
		.env = ja ? "事務所" : "Office",
		.score = 54.9, .grade = "C", .selfcheck = 48,
		.cmp = REPORT_CMP_INDUSTRY,
		.cmp_name = ja ? "製造業" : "Manufacturing",
		.cmp_n = 7, .cmp_score = 60.3,
		.prev_date = "2024-11-12", .prev_score = 45.1,
		.categories = x->office, .ncategories = 7,
		.bands = sample_bands, .nbands = 4,
		.actions = x->actions, .nactions = 4,
		.sa = &x->sa, .network = &x->net,
		.unknown = x->unknown, .nunknown = 3,
	};
	x->pages[1] = (struct report_page){
		.env = ja ? "テレワーク" : "Home working",
		.score = 63.9, .grade = "B", .selfcheck = REPORT_NO_SELFCHECK,
		.cmp = REPORT_CMP_ALL, .cmp_n = 23, .cmp_score = 62.4,
		.prev_score = REPORT_NONE,
		.categories = x->telework, .ncategories = 6,
		.bands = sample_bands, .nbands = 4,
		.actions = x->actions + 1, .nactions = 2,
		.unknown = x->unknown + 2, .nunknown = 1,
	};
	x->sheet = (struct report_sheet){
		.lang = lang,
		.company = ja ? "サンプル精機株式会社" : "Sample Precision "
		  "Co., Ltd.",
		.company_info = ja ? "製造業（E）・従業員 25名・パソコン 18台" :
			"Manufacturing (E) - 25 staff - 18 PCs",
		.date = "2025-11-25",
		.consultant = ja ? "中小 太郎" : "Taro Chusho",
		.desk = { ja ? "おたすけ商工会議所 情報セキュリティ相談窓口" :
			  "Otasuke Chamber of Commerce security desk",
			  "03-1234-5678", ja ? "平日 9:00〜17:00" :
			  "Weekdays 9:00-17:00", "security@example.jp", NULL },
		.pages = x->pages, .npages = 2,
		.created = 1764028800,
	};
}

#endif
