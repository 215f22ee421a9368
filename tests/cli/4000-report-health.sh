# report health: the sheet of a company as PDF, PNG and SVG in Japanese and
# English, with the numbers of 'diag score' and 'alerts summary', plain
# words only (tests/data/jargon.txt), and the same bytes for the same
# database when SOURCE_DATE_EPOCH is set.
. "$SRC/tests/lib.sh"
. "$DATA/report/setup.sh"

JC=$T/jargon_check
${CC:-cc} -std=c11 -O1 -D_GNU_SOURCE -o "$JC" "$SRC/tests/tools/jargon_check.c" ||
	fail "cannot build tests/tools/jargon_check.c"

# expect_rc_of STATUS WHAT: STATUS is 0, else show the jargon check's list
expect_rc_of() {
	if [ "$1" -eq 0 ]; then pass; else fail "$2"; cat "$T/jargon"; fi
}
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# text FILE.pdf LANG: the text of the PDF in $T/text, whitespace removed
# (ja) or collapsed (en) as the jargon check does.
text() {
	pdftotext -raw -enc UTF-8 "$1" "$T/raw"
	if [ "$2" = ja ]; then tr -d ' \n\t\f' <"$T/raw" >"$T/text"
	else tr -s ' \n\t\f' '    ' <"$T/raw" >"$T/text"; fi
}
# png_size FILE: "WIDTHxHEIGHT" from the PNG header
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d\n",
		$1 * 16777216 + $2 * 65536 + $3 * 256 + $4,
		$5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }'
}

# Japanese PDF: two pages (office, home working).
otasuke --lang ja report health サンプル1 -o s1.pdf
expect_rc 0 "health ja"
expect_err "s1.pdf を書き出しました（2 ページ）"
if [ -s "$T/out" ]; then fail "stdout not empty"; else pass; fi
if [ "$(pages s1.pdf)" = 2 ]; then pass; else fail "s1.pdf: $(pages s1.pdf) pages"; fi
pdffonts s1.pdf >"$T/fonts"
expect_grep '+IPAexGothic  *CID TrueType  *Identity-H  *yes yes yes' "$T/fonts"
expect_no_grep 'DejaVu' "$T/fonts"
# The file's structure as another PDF library reads it (make deps
# installs qpdf).
if command -v qpdf >/dev/null 2>&1; then
	qpdf --check s1.pdf >"$T/qpdf" 2>&1
	expect_rc_of $? "qpdf --check s1.pdf"
	expect_grep 'No syntax or stream encoding errors' "$T/qpdf"
fi
text s1.pdf ja
"$JC" "$SRC/tests/data/jargon.txt" ja <"$T/raw" >"$T/jargon"
expect_rc_of $? "jargon without plain words (ja)"
expect_no_grep '認定' "$T/text"

# The numbers of diag score, for each set: overall, categories, averages.
for set in diag-office diag-telework; do
	otasuke diag score サンプル1 --set $set --format csv
	expect_rc 0 "diag score $set"
	awk -F, 'NR > 1 { print $6; if ($8 != "") print $8 }' "$T/out" \
		>"$T/numbers"
	while read -r n; do
		expect_grep "$n" "$T/text"
	done <"$T/numbers"
done
expect_grep '同業種平均（製造業）n=6' "$T/text"
expect_grep '前回\|5分でできる自社診断の点数：' "$T/text"

# The network check: the three months up to the latest data (August to
# October, not May), as alerts summary counts them.
otasuke alerts summary --from 2025-08-01 --to 2025-10-31 --format json
total=$(sed -n 's/^{[^{]*"total":\([0-9]*\).*/\1/p' "$T/out")
[ -n "$total" ] || fail "no total in alerts summary"
expect_grep "2025年8月〜2025年10月気になる通信${total}件" "$T/text"
expect_grep '経理PC（山田）' "$T/text"
expect_grep '受付PC（佐藤）' "$T/text"
expect_grep '192.168.1.99' "$T/text"
expect_grep '受付PCが外部の不審なサーバーと通信' "$T/text"
expect_no_grep '解決済みの件' "$T/text"
expect_grep '03-1234-5678' "$T/text"
expect_grep 'サンプル1御中' "$T/text"
expect_grep '担当中小太郎' "$T/text"

# An explicit period.
otasuke --lang ja report health 1 --from 2025-05-01 --to 2025-05-31 -o may.pdf
expect_rc 0 "--from --to"
text may.pdf ja
expect_grep '2025年5月1日〜2025年5月31日気になる通信999件' "$T/text"

# English, and a company with the office set only: one page.
otasuke --lang en report health サンプル2 -o s2-en.pdf
expect_rc 0 "health en"
expect_err "wrote s2-en.pdf (1 page)"
if [ "$(pages s2-en.pdf)" = 1 ]; then pass; else fail "s2-en.pdf pages"; fi
otasuke report health サンプル1 --lang en -o s1-en.pdf
expect_rc 0 "--lang after the command"
text s1-en.pdf en
"$JC" "$SRC/tests/data/jargon.txt" en <"$T/raw" >"$T/jargon"
expect_rc_of $? "jargon without plain words (en)"
expect_grep 'Same-industry average (Manufacturing), n=6' "$T/text"
expect_no_grep '[Cc]ertification\|[Cc]ertified' "$T/text"

# PNG at 150 dpi and SVG: a file per page.
otasuke report health サンプル1 -o s1.png
expect_rc 0 "png"
for f in s1.png s1-2.png; do
	if [ "$(png_size $f)" = 1240x1754 ]; then pass; else
		fail "$f is $(png_size $f)"; fi
done
otasuke report health サンプル1 -o s1.SVG
expect_rc 0 "svg"
expect_grep '<svg' s1.SVG
expect_grep 'width="595.28pt"' s1-2.SVG

# Same database, same bytes; the creation date is SOURCE_DATE_EPOCH's.
sleep 1
otasuke --lang ja report health サンプル1 -o again.pdf
if cmp -s s1.pdf again.pdf; then pass; else fail "PDF differs between runs"; fi
TZ=UTC pdfinfo s1.pdf >"$T/info"
expect_grep 'CreationDate: *Tue Nov 25 00:00:00 2025' "$T/info"
SOURCE_DATE_EPOCH=1700000000 otasuke --lang ja report health 1 -o other.pdf
if cmp -s s1.pdf other.pdf; then fail "SOURCE_DATE_EPOCH ignored"; else pass; fi

# Default file name: <id>-<name>.pdf here; nothing else is written.
mkdir here && cd here || exit 1
otasuke --lang en report health 1
expect_rc 0 "default name"
expect_err "wrote 1-サンプル1.pdf (2 pages)"
if [ "$(ls)" = "1-サンプル1.pdf" ]; then pass; else fail "files: $(ls)"; fi
cd .. || exit 1

# Reading only: nothing in the database changed.
expect_sql "SELECT count(*) FROM answer" 319
expect_sql "SELECT count(*) FROM alert_count" 7

# Without its drawing module (bin/render.h) otasuke says so in one line,
# exits 69, and commands that do not draw still work.
OTASUKE_RENDER=$T/nonexistent/otasuke-render.so
export OTASUKE_RENDER
otasuke report health サンプル1 -o m.pdf
expect_rc 69 "report without the module"
expect_err "otasuke: cannot load the drawing module: $OTASUKE_RENDER: cannot open shared object file: No such file or directory; reinstall otasuke (make install)"
if [ -e m.pdf ]; then fail "m.pdf written"; else pass; fi
otasuke diag score サンプル1 --set diag-office --format csv
expect_rc 0 "diag score without the module"
unset OTASUKE_RENDER
done_testing
