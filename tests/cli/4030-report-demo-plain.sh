# Plain words on every sheet of the demo: each technical term of
# tests/data/jargon.txt has its plain explanation next to it, in Japanese
# and in English; SECURITY ACTION is never called a certification; every
# sheet is A4, one page per environment.
. "$SRC/tests/lib.sh"

JC=$T/jargon_check
${CC:-cc} -std=c11 -O1 -D_GNU_SOURCE -o "$JC" "$SRC/tests/tools/jargon_check.c" ||
	fail "cannot build tests/tools/jargon_check.c"

otasuke --db demo.db demo -o demo
expect_rc 0 "demo"
for lang in ja en; do
	otasuke --db demo.db --lang $lang report batch --all -o sheets-$lang
	if [ "$rc" -eq 0 ] || [ "$rc" -eq 2 ]; then pass; else
		fail "batch $lang: exit $rc"; fi
	n=0
	for pdf in sheets-$lang/*.pdf; do
		n=$((n + 1))
		pdftotext -raw -enc UTF-8 "$pdf" "$T/text" || fail "$pdf: pdftotext"
		if ! "$JC" "$SRC/tests/data/jargon.txt" $lang <"$T/text" >"$T/jargon"; then
			fail "$pdf: a term without its plain explanation"
			sed 's/^/    /' "$T/jargon"
		fi
		if grep -q -i '認定\|certification\|certified' "$T/text"; then
			fail "$pdf: certification"; fi
		pdfinfo "$pdf" | grep -q 'A4' || fail "$pdf: not A4"
	done
	if [ "$n" -ge 60 ]; then pass; else fail "only $n $lang sheets"; fi
done
done_testing
