# report region: the programme report as a workbook (its numbers those of
# 'alerts summary --format json', 'diag list' and 'company list') and as
# an A4 PDF of five pages in plain words (the jargon check), a period,
# the same bytes with SOURCE_DATE_EPOCH; bad inputs with one line each,
# their exit codes and no file left behind.
. "$SRC/tests/lib.sh"

JC=$T/jargon_check
${CC:-cc} -std=c11 -O1 -D_GNU_SOURCE -o "$JC" "$SRC/tests/tools/jargon_check.c" ||
	fail "cannot build tests/tools/jargon_check.c"

pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# xl_col DIR SHEET COL: the numbers in column COL of a sheet, from row 5
xl_col() {
	grep -o "<c r=\"$3[0-9]*\"[^>]*><v>[^<]*</v>" "$1/xl/worksheets/$2.xml" |
		grep -v 't="s"' | sed 's/^<c r="[A-Z]*\([0-9]*\)".*<v>\(.*\)<\/v>$/\1 \2/' |
		awk '$1 >= 5 { print $2 }'
}
# xl_cell DIR SHEET CELL: the number in one cell
xl_cell() {
	grep -o "<c r=\"$3\"[^>]*><v>[^<]*</v>" "$1/xl/worksheets/$2.xml" |
		sed 's/.*<v>\(.*\)<\/v>$/\1/'
}
same_numbers() {
	if awk 'NR == FNR { a[FNR] = $1; n = FNR; next }
		{ if (!(FNR in a) || a[FNR] + 0 != $1 + 0) exit 1; m = FNR }
		END { exit m == n && n > 0 ? 0 : 1 }' "$1" "$2"; then pass
	else fail "$3: numbers differ"; diff "$1" "$2" | head -5; fi
}
# json_nums KEY FILE: the values of KEY, in order
json_nums() { grep -o "\"$1\":[0-9][0-9.]*" "$2" | sed 's/.*://'; }
commas() { echo "$1" | sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta'; }

otasuke --db demo.db demo -o demo
expect_rc 0 "demo"
export OTASUKE_DB=$T/demo.db

# Each company's latest completed assessment counts, also when a newer
# one is in progress.
done_sql="SELECT count(DISTINCT a.company_id) FROM assessment a JOIN qset q
	ON q.id = a.qset_id WHERE q.set_id = 'diag-office' AND
	a.completed_at IS NOT NULL"
otasuke report region -o all.xlsx
mkdir all && (cd all && unzip -q ../all.xlsx) || fail "unzip"
[ "$(xl_cell all sheet1 B6)" = "$(sql "$done_sql")" ] && pass ||
	fail "assessed: $(xl_cell all sheet1 B6), not $(sql "$done_sql")"
# Then without the ones in progress, 'diag list' shows what is counted.
sql "DELETE FROM answer WHERE assessment_id IN (SELECT id FROM assessment
	WHERE completed_at IS NULL); DELETE FROM assessment WHERE
	completed_at IS NULL"

otasuke alerts summary --format json && cp "$T/out" events.json
otasuke alerts summary --by company --format json && cp "$T/out" companies.json
otasuke alerts summary --by industry --format json && cp "$T/out" industries.json
otasuke alerts summary --stats --format json && cp "$T/out" stats.json
otasuke diag list --format json && cp "$T/out" diag.json
otasuke company list --format json && cp "$T/out" list.json
total=$(sed -n 's/^{[^{]*"total":\([0-9]*\).*/\1/p' events.json)
sensors=$(grep -o '"per_pc"' companies.json | wc -l)
registered=$(grep -o '"region"' list.json | wc -l)
assessed=$(grep -o '"state":"completed"' diag.json | wc -l)
stats_n=$(sed -n 's/.*"n":\([0-9]*\).*/\1/p' stats.json)
pearson=$(sed -n 's/.*"pearson":\([-0-9.]*\).*/\1/p' stats.json)
r2=$(awk -v r="$pearson" 'BEGIN { printf "%.2f", r }')
[ "$total" -gt 0 ] && [ "$assessed" -gt 0 ] && pass || fail "demo data"

# ---- the workbook ----
otasuke --lang ja report region -o r.xlsx
expect_rc 0 "xlsx"
expect_err "r.xlsx を書き出しました"
mkdir x && (cd x && unzip -q ../r.xlsx) || fail "unzip"
grep -o '<sheet name="[^"]*"' x/xl/workbook.xml | sed 's/.*"\(.*\)"/\1/' >names
printf '%s\n' 概要 総合判定 分野別 攻撃の段階 業種別 上位30社 会社別 >expect-names
if cmp -s expect-names names; then pass; else fail "sheets:"; cat names; fi
[ "$(xl_cell x sheet1 B5)" = "$registered" ] && pass || fail "registered"
[ "$(xl_cell x sheet1 B6)" = "$assessed" ] && pass || fail "assessed"
[ "$(xl_cell x sheet1 B8)" = "$sensors" ] && pass || fail "sensors"
[ "$(xl_cell x sheet1 B9)" = "$total" ] && pass || fail "total"
# the overall mean: that of the scores 'diag list' prints, to rounding
json_nums score diag.json >scores
mean=$(xl_cell x sheet1 B7)
awk -v m="$mean" '{ s += $1; n++ } END { d = s / n - m; exit d < -0.06 || d > 0.06 }' scores &&
	pass || fail "mean score $mean"
# grades A-D: the companies of 'diag list' with each
for g in A B C D; do
	grep -o "\"state\":\"completed\"[^}]*\"grade\":\"$g\"" diag.json | wc -l
done >grades-json
xl_col x sheet2 C >grades-xl
same_numbers grades-json grades-xl "grades"
# kill chain: the stage totals, then the events (in catalog order)
sed 's/"events":\[[^]]*\]//g' events.json | grep -o '"total":[0-9]*' |
	sed 1d | sed 's/.*://' >phases-json
nphases=$(wc -l <phases-json)
xl_col x sheet4 E | head -n "$nphases" >phases-xl
same_numbers phases-json phases-xl "stages"
json_nums count events.json >events-json
xl_col x sheet4 E | sed "1,${nphases}d" | head -n "$(wc -l <events-json)" >events-xl
same_numbers events-json events-xl "events"
json_nums alerts industries.json >ind-json
xl_col x sheet5 E >ind-xl
same_numbers ind-json ind-xl "industries"
json_nums alerts companies.json | head -30 >top-json
xl_col x sheet6 F >top-xl
same_numbers top-json top-xl "top 30"
json_nums pcs companies.json | head -30 >pcs-json
xl_col x sheet6 E >pcs-xl
same_numbers pcs-json pcs-xl "top 30 PCs"
json_nums alerts companies.json >all-json
xl_col x sheet7 E >all-xl
same_numbers all-json all-xl "companies"
expect_grep "n = $stats_n、ピアソン r = $r2" x/xl/charts/chart8.xml

# ---- the PDF ----
otasuke --lang ja report region -o r.pdf
expect_rc 0 "pdf"
expect_err "r.pdf を書き出しました（5 ページ）"
[ "$(pages r.pdf)" = 5 ] && pass || fail "pages"
pdfinfo r.pdf | grep -q 'A4' && pass || fail "not A4"
pdftotext -raw -enc UTF-8 r.pdf raw-ja
"$JC" "$SRC/tests/data/jargon.txt" ja <raw-ja >jargon || {
	fail "a term without its plain explanation (ja)"; cat jargon; }
tr -d ' \n\f' <raw-ja >text
expect_grep "登録企業${registered}社" text
expect_grep "診断を終えた企業${assessed}社" text
expect_grep "気になる通信$(commas "$total")件" text
expect_grep "見守り中の企業${sensors}社" text
while read -r n; do expect_grep "$(commas "$n")件" text; done <phases-json
expect_grep "上位30社" text
expect_grep "r=${r2}" text
expect_grep "（n=${stats_n}社）" text
first=$(sed -n 's/^{[^[]*\[{"id":[0-9]*,"name":"\([^"]*\)".*/\1/p' companies.json |
	tr -d ' ')
expect_grep "$first" text
expect_grep "総合判定の分布" text
expect_grep "業種ごとの分野別の平均点" text
expect_no_grep '認定' text

otasuke --lang ja report region -o r2.pdf
if cmp -s r.pdf r2.pdf; then pass; else fail "PDF differs from run to run"; fi

otasuke --lang en report region -o en.pdf
expect_rc 0 "en"
pdftotext -raw -enc UTF-8 en.pdf raw-en
"$JC" "$SRC/tests/data/jargon.txt" en <raw-en >jargon || {
	fail "a term without its plain explanation (en)"; cat jargon; }
expect_grep "Programme report" raw-en
expect_grep "Pearson r = $r2" raw-en

# a period: the alerts of September only
otasuke alerts summary --from 2026-09-01 --to 2026-09-30 --format json
sept=$(sed -n 's/^{[^{]*"total":\([0-9]*\).*/\1/p' "$T/out")
otasuke --lang ja report region --from 2026-09-01 --to 2026-09-30 -o sept.pdf
expect_rc 0 "period"
pdftotext -raw -enc UTF-8 sept.pdf - | tr -d ' \n\f' >text
expect_grep "対象期間：2026年9月1日〜2026年9月30日" text
expect_grep "気になる通信$(commas "$sept")件" text

# ---- bad inputs: one line, the exit code, no file ----
outputs() { ls -A | grep -E '\.(pdf|xlsx)|tmp' >"$1"; }
outputs before
: >not-a-folder
otasuke report region --from 2030-01-01 -o late.pdf
expect_rc 66 "nothing in the period"
expect_err "otasuke: nothing to report for this period: no completed diagnosis and no sensor data; see 'otasuke diag list' and 'otasuke alerts summary'"
otasuke report region --from 2026-10-01 --to 2026-09-01 -o bad.pdf
expect_rc 64 "from after to"
expect_grep "^otasuke: --from 2026-10-01 is after --to 2026-09-01$" "$T/err"
otasuke report region --from 2026-02-30 -o bad.pdf
expect_rc 64 "bad date"
expect_grep "^otasuke: '2026-02-30' is not a date; write YYYY-MM-DD$" "$T/err"
otasuke report region -o bad.png
expect_rc 64 "bad extension"
expect_grep "^otasuke: cannot tell the format of 'bad.png'; end it in .xlsx or .pdf$" "$T/err"
otasuke report region --set diag-office -o bad.pdf
expect_rc 64 "--set"
expect_grep "^otasuke: 'report region' does not take '--set'$" "$T/err"
for f in bad.pdf bad.xlsx; do
	otasuke report region -o nosuchdir/$f
	expect_rc 73 "no folder ($f)"
	expect_err "otasuke: cannot create 'nosuchdir/$f': No such file or directory"
	otasuke report region -o not-a-folder/$f
	expect_rc 73 "a file as folder ($f)"
	expect_err "otasuke: cannot create 'not-a-folder/$f': Not a directory"
done
outputs after
if cmp -s before after; then pass; else fail "files left behind:"; diff before after; fi

# Secondary suppression: the all-industries mean is shown, so what it
# holds beyond the industries shown must be none or peers.min (5)
# companies. Two diagnosed companies of P alone would be given away by
# the all-industries mean minus E and G: G, the smallest shown, is hidden
# too.
cp demo.db small.db
done_ids="SELECT DISTINCT a.company_id FROM assessment a JOIN qset q ON q.id =
	a.qset_id WHERE q.set_id = 'diag-office' AND a.completed_at IS NOT NULL"
OTASUKE_DB=$T/small.db
export OTASUKE_DB
sql "UPDATE company SET industry = 'E';
	UPDATE company SET industry = 'G' WHERE id IN ($done_ids
		ORDER BY a.company_id LIMIT 6);
	UPDATE company SET industry = 'P' WHERE id IN ($done_ids
		ORDER BY a.company_id DESC LIMIT 2)"
otasuke --lang en report region -o small.pdf
expect_rc 0 "region with one small industry"
pdftotext -raw -f 2 -l 2 small.pdf "$T/small.txt"
expect_grep 'Manufacturing' "$T/small.txt"
expect_no_grep 'Information and' "$T/small.txt"
expect_no_grep 'Medical' "$T/small.txt"
# With P at 5 companies the rest is enough: G is shown again.
sql "UPDATE company SET industry = 'P' WHERE id IN ($done_ids
		ORDER BY a.company_id DESC LIMIT 5)"
otasuke --lang en report region -o small.pdf
pdftotext -raw -f 2 -l 2 small.pdf "$T/small.txt"
expect_grep 'Information and' "$T/small.txt"
expect_grep 'Medical' "$T/small.txt"

OTASUKE_DB=$T/empty.db
export OTASUKE_DB
otasuke init
otasuke report region -o empty.xlsx
expect_rc 66 "empty database"
expect_err "otasuke: nothing to report: no completed diagnosis and no sensor data; see 'otasuke diag list' and 'otasuke alerts summary'"
[ ! -e empty.xlsx ] && pass || fail "empty.xlsx written"

done_testing
