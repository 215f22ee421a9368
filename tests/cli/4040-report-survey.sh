# report survey: the survey tallies as a workbook (its numbers those of
# 'survey tally --format json') and as an A4 PDF (bars with percent and
# count per choice, the base rule, one or two questions a page, the same
# bytes with SOURCE_DATE_EPOCH); bad inputs with one line each, their exit
# codes and no file left behind.
. "$SRC/tests/lib.sh"

pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# xl_col DIR SHEET COL: the numbers in column COL of a sheet, from row 5
xl_col() {
	grep -o "<c r=\"$3[0-9]*\"[^>]*><v>[^<]*</v>" "$1/xl/worksheets/$2.xml" |
		grep -v 't="s"' | sed 's/^<c r="[A-Z]*\([0-9]*\)".*<v>\(.*\)<\/v>$/\1 \2/' |
		awk '$1 >= 5 { print $2 }'
}
# same_numbers A B: the two files hold the same numbers, line by line
same_numbers() {
	if awk 'NR == FNR { a[FNR] = $1; n = FNR; next }
		{ if (!(FNR in a) || a[FNR] + 0 != $1 + 0) exit 1; m = FNR }
		END { exit m == n && n > 0 ? 0 : 1 }' "$1" "$2"; then pass
	else fail "$3: numbers differ"; diff "$1" "$2" | head -5; fi
}

otasuke --db demo.db demo -o demo
expect_rc 0 "demo"
export OTASUKE_DB=$T/demo.db

otasuke survey tally --format json
expect_rc 0 "survey tally"
cp "$T/out" tally.json
responses=$(sed -n 's/.*"responses":\([0-9]*\).*/\1/p' tally.json)
nq=$(grep -o '"id":"[a-z_]*","type"' tally.json | wc -l)
[ "$responses" -gt 0 ] && [ "$nq" -gt 0 ] && pass || fail "no tally"
grep -o '"count":[0-9]*' tally.json | sed 's/.*://' >json-counts
grep -o '"percent":[0-9.]*' tally.json | sed 's/.*://' >json-pcts

# ---- the workbook ----
otasuke --lang ja report survey -o s.xlsx
expect_rc 0 "xlsx"
expect_err "s.xlsx を書き出しました"
mkdir x && (cd x && unzip -q ../s.xlsx) || fail "unzip"
n=$(ls x/xl/worksheets/sheet*.xml | wc -l)
if [ "$n" -eq $((nq + 1)) ]; then pass; else fail "$n sheets for $nq questions"; fi
: >xl-counts
: >xl-pcts
i=2
while [ $i -le "$n" ]; do
	xl_col x sheet$i C >>xl-counts
	xl_col x sheet$i D >>xl-pcts
	i=$((i + 1))
done
same_numbers json-counts xl-counts "counts"
same_numbers json-pcts xl-pcts "percents"
expect_grep ">$responses<" x/xl/worksheets/sheet1.xml

# ---- the PDF ----
otasuke --lang ja report survey -o s.pdf
expect_rc 0 "pdf"
p=$(pages s.pdf)
expect_err "s.pdf を書き出しました（$p ページ）"
# a title page, then one or two questions a page
if [ "$p" -ge $((1 + (nq + 1) / 2)) ] && [ "$p" -le $((1 + nq)) ]; then pass
else fail "$p pages for $nq questions"; fi
pdfinfo s.pdf | grep -q 'A4' && pass || fail "not A4"
pdffonts s.pdf | grep -q '+IPAexGothic' && pass || fail "font not embedded"
pdftotext -raw -enc UTF-8 s.pdf - | tr -d ' \n\f' >text
expect_grep "回答数${responses}件" text
expect_grep "質問数${nq}問" text
expect_grep '割合（%）は、その質問に答えた人数（n）を100%として計算しています。' text
q=1
while [ $q -le "$nq" ]; do
	expect_grep "問$q" text
	q=$((q + 1))
done
# every choice as "percent%（count）", the numbers of the JSON
paste -d' ' json-pcts json-counts | awk '{ printf "%.1f%%（%d）\n", $1, $2 }' |
	sort -u >values
bad=0
while read -r v; do
	grep -qF -- "$v" text || { bad=$((bad + 1)); echo "  missing $v"; }
done <values
if [ "$bad" -eq 0 ]; then pass; else fail "$bad values not in the PDF"; fi
# the base of the first question
answered=$(sed 's/"questions":\[/\n/' tally.json | sed -n 2p |
	sed -n 's/^{[^}]*"answered":\([0-9]*\).*/\1/p')
expect_grep "回答n=${answered}（対象" text

# the same bytes again with SOURCE_DATE_EPOCH; page 2 looks right
otasuke --lang ja report survey -o s2.pdf
if cmp -s s.pdf s2.pdf; then pass; else fail "PDF differs from run to run"; fi
SOURCE_DATE_EPOCH=1700000000 "$OTASUKE" --lang ja report survey -o s3.pdf 2>/dev/null
if cmp -s s.pdf s3.pdf; then fail "the date is not in the PDF"; else pass; fi

# English, and per industry: the groups as a table, small ones named
otasuke --lang en report survey --by industry -o by.pdf
expect_rc 0 "--by industry"
pdftotext -enc UTF-8 by.pdf - | tr -s ' \n\f' '   ' >text-en
expect_grep 'Percent by industry' text-en
expect_grep 'Groups not shown:' text-en
expect_grep "Responses $responses" text-en
otasuke --lang en report survey --by it_staff -o byq.xlsx
expect_rc 0 "--by QID xlsx"
otasuke report survey --event nosuch -o ev.pdf
expect_rc 66 "unknown event"
expect_err "otasuke: no responses to 'survey-seminar' from the event 'nosuch'; 'otasuke survey tally' counts every event"

# ---- bad inputs: one line, the exit code, no file ----
outputs() { ls -A | grep -E '\.(pdf|xlsx)|tmp' >"$1"; }
outputs before
: >not-a-folder
otasuke report survey --set nosuch -o bad.pdf
expect_rc 65 "unknown set"
expect_err "otasuke: no question set 'nosuch'; 'otasuke questions list' shows them"
otasuke report survey --set diag-office -o bad.xlsx
expect_rc 65 "a diagnosis set"
expect_err "otasuke: set 'diag-office' is a diagnosis, not a survey; 'otasuke questions list' shows the sets"
otasuke report survey --by nosuch -o bad.pdf
expect_rc 64 "unknown --by"
expect_grep "^otasuke: no question 'nosuch' in set 'survey-seminar' to group by" "$T/err"
otasuke report survey -o bad.docx
expect_rc 64 "bad extension"
head -1 "$T/err" >"$T/err1"
expect_grep "^otasuke: cannot tell the format of 'bad.docx'; end it in .xlsx or .pdf$" "$T/err1"
otasuke report survey
expect_rc 64 "no -o"
expect_grep "^otasuke: 'report survey' needs -o FILE.xlsx or -o FILE.pdf$" "$T/err"
otasuke report survey extra -o bad.pdf
expect_rc 64 "an operand"
for f in bad.pdf bad.xlsx; do
	otasuke report survey -o nosuchdir/$f
	expect_rc 73 "no folder ($f)"
	expect_err "otasuke: cannot create 'nosuchdir/$f': No such file or directory"
	otasuke report survey -o not-a-folder/$f
	expect_rc 73 "a file as folder ($f)"
	expect_err "otasuke: cannot create 'not-a-folder/$f': Not a directory"
done
outputs after
if cmp -s before after; then pass; else fail "files left behind:"; diff before after; fi

# every kind of question (example-survey): a number's mean and median, the
# written answers, "other" texts, a question asked after an answer, and
# the mean per group
OTASUKE_DB=$T/ex.db
export OTASUKE_DB
otasuke init
otasuke questions load "$SRC/questions/example-survey.yaml"
{
	echo "it_staff,worries,pcs,comments"
	i=1
	while [ $i -le 14 ]; do
		case $((i % 3)) in
		0) echo "yes,,$((i * 2)),とても分かりやすいセミナーでした（$i）" ;;
		1) echo "no,viruses;leaks,$i," ;;
		2) echo "no,other:取引先からの要求が増えている,$((i + 5)),次回も参加したい" ;;
		esac
		i=$((i + 1))
	done
	# Five with no answer to it_staff: without them the one group
	# shown would give away the hidden one (secondary suppression).
	for i in 1 2 3 4 5; do echo ",,$i,"; done
} >ex.csv
otasuke survey import ex.csv --set example-survey
expect_rc 0 "example import"
otasuke survey tally --set example-survey --format json
mean=$(sed -n 's/.*"mean":\([0-9.]*\).*/\1/p' "$T/out" | head -1)
median=$(sed -n 's/.*"median":\([0-9.]*\).*/\1/p' "$T/out" | head -1)
otasuke --lang ja report survey --set example-survey --by it_staff -o ex.pdf
expect_rc 0 "example pdf"
pdftotext -raw -enc UTF-8 ex.pdf - | tr -d ' \n\f' >text
expect_grep "$(printf '平均%.1f中央値%.1f' "$mean" "$median")" text
expect_grep '問1で「いない」と答えた方にお聞きしました' text
expect_grep '「その他」に書かれたこと取引先からの要求が増えている' text
expect_grep 'とても分かりやすいセミナーでした（3）' text
expect_grep '問1別の割合（%）' text
expect_grep '問1別の平均' text
expect_grep '表示していないグループ：いる' text

# no responses at all
OTASUKE_DB=$T/empty.db
export OTASUKE_DB
otasuke init
otasuke report survey -o empty.pdf
expect_rc 66 "no responses"
expect_err "otasuke: no responses to 'survey-seminar' yet; add them with 'otasuke survey import' or 'otasuke survey answer'"
[ ! -e empty.pdf ] && pass || fail "empty.pdf written"

done_testing
