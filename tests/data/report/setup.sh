# Sourced by tests/cli/4xxx-report-*.sh after tests/lib.sh: a database with
# seven sample companies of industry E (so the comparison is the industry
# average, n=6), office answers for all and home-working answers for the
# first, assets, three months of sensor counts, an open and a closed
# incident, and the service desk in config.

otasuke init
for c in 1 2 3 4 5 6 7; do
	otasuke company add "サンプル$c" --industry E --employees $((c * 5)) \
		--pcs $((c * 3))
done

# Answers by a fixed pattern over the scored questions of each set.
ids() {
	sed -n 's/^  - id: \([a-z-]*-[0-9][0-9]*\)$/\1/p' "$SRC/questions/$1.yaml" |
		grep -v '^network-'
}
{
	echo "company,set,question,answer"
	for c in 1 2 3 4 5 6 7; do
		ids diag-office | awk -v c="$c" '{
			a = (NR * 7 + c * 3) % 10
			ans = a < 4 || a == 9 ? "done" : a < 6 ? "partly" : \
			      a < 8 ? "no" : "unknown"
			printf "サンプル%d,diag-office,%s,%s\n", c, $1, ans }'
	done
	ids diag-telework | awk '{
		a = (NR * 5) % 7
		ans = a < 3 ? "done" : a < 5 ? "partly" : a < 6 ? "no" : "unknown"
		printf "サンプル1,diag-telework,%s,%s\n", $1, ans }'
} >"$T/answers.csv"
otasuke diag import "$T/answers.csv"
[ "$rc" -eq 0 ] || fail "setup: diag import"

printf '%s\n' "ip,mac,hostname,owner,location" \
	"192.168.1.10,,経理PC,山田,事務所" \
	"192.168.1.11,,受付PC,佐藤,事務所" >"$T/assets.csv"
otasuke company assets import サンプル1 "$T/assets.csv"

printf '%s\n' "company,period_start,period_end,event,count,src_ip" \
	"サンプル1,2025-05-01,2025-05-31,port-scan,999," \
	"サンプル1,2025-08-01,2025-08-31,port-scan,120," \
	"サンプル1,2025-09-01,2025-09-30,login-bruteforce-fail,300," \
	"サンプル1,2025-10-01,2025-10-31,malware-site,3,192.168.1.10" \
	"サンプル1,2025-10-01,2025-10-31,c2-known,2,192.168.1.11" \
	"サンプル1,2025-10-01,2025-10-31,c2-dga,1,192.168.1.99" \
	"サンプル1,2025-10-01,2025-10-31,unclassified,5," >"$T/alerts.csv"
otasuke alerts import "$T/alerts.csv"
[ "$rc" -eq 0 ] || fail "setup: alerts import"
otasuke incident add サンプル1 --severity high --date 2025-10-20 \
	--title "受付PCが外部の不審なサーバーと通信" \
	--action "LANケーブルを抜き、窓口に連絡してください"
otasuke incident add サンプル1 --severity low --date 2025-06-01 \
	--title "解決済みの件"
otasuke incident close 2

otasuke config set desk.name "おたすけ商工会議所 情報セキュリティ相談窓口"
otasuke config set desk.phone 03-1234-5678
otasuke config set desk.hours "平日 9:00〜17:00"
otasuke config set report.consultant "中小 太郎"
