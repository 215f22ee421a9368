# report health: bad arguments, unknown companies, a company without a
# diagnosis, files that cannot be written. Each is one line naming what
# is wrong, with its exit code; no half-written file is left and nothing
# stored changes.
. "$SRC/tests/lib.sh"

otasuke init
otasuke company add Acme --industry E
otasuke company add Empty --industry E
{
	echo "company,set,question,answer"
	sed -n 's/^  - id: \([a-z-]*-[0-9][0-9]*\)$/\1/p' \
		"$SRC/questions/diag-office.yaml" | grep -v '^network-' |
		sed 's/^/Acme,diag-office,/; s/$/,done/'
} >"$T/answers.csv"
otasuke diag import "$T/answers.csv"
expect_rc 0 "setup"

usage="usage: otasuke report health|batch|survey|region ...
Try 'otasuke <command> --help' for more."

otasuke report
expect_rc 64 "no subcommand"
otasuke report health
expect_rc 64 "no company"
expect_err "otasuke: 'report health' needs one COMPANY
$usage"
otasuke report health Acme Empty
expect_rc 64 "two companies"
otasuke report health Acme --bogus
expect_rc 64 "unknown option"
expect_err "otasuke: 'report health' does not take '--bogus'
$usage"
otasuke report health Acme -o sheet.docx
expect_rc 64 "unknown extension"
expect_err "otasuke: cannot tell the format of 'sheet.docx'; end it in .pdf, .png or .svg
$usage"
otasuke report health Acme --lang fr
expect_rc 64 "unknown language"
expect_err "otasuke: unknown language 'fr'; use ja or en
$usage"
otasuke report health Acme --from 2025-13-01
expect_rc 64 "bad date"
expect_err "otasuke: '2025-13-01' is not a date; write YYYY-MM-DD
$usage"
otasuke report health Acme --from 2025-10-01 --to 2025-09-01
expect_rc 64 "from after to"
expect_err "otasuke: --from 2025-10-01 is after --to 2025-09-01
$usage"

otasuke report health Nobody -o x.pdf
expect_rc 65 "unknown company"
expect_err "otasuke: no company 'Nobody'; 'otasuke company list' shows them"
otasuke report health Empty -o x.pdf
expect_rc 65 "no diagnosis"
expect_err "otasuke: company 'Empty' has no diagnosis yet: run 'otasuke diag interview 2' or 'otasuke diag import' first"

otasuke report health Acme -o "$T/no/such/dir/x.pdf"
expect_rc 73 "cannot create"
expect_err "otasuke: cannot create '$T/no/such/dir/x.pdf': No such file or directory"
mkdir ro && chmod 555 ro
if [ "$(id -u)" -ne 0 ]; then
	otasuke report health Acme -o ro/x.pdf
	expect_rc 73 "read-only folder"
fi
otasuke report health Acme -o x.pdf
expect_rc 0 "fine after all"
ls -a >"$T/files"
expect_no_grep '\.tmp' "$T/files"
if [ -e /dev/full ]; then
	ln -s /dev/full full.pdf
	otasuke report health Acme -o full.pdf
	expect_rc 0 "a symlink is replaced, not written through"
	if [ -L full.pdf ]; then fail "full.pdf still a link"; else pass; fi
fi
expect_sql "SELECT count(*) FROM answer" 43
expect_sql "SELECT count(*) FROM company" 2
done_testing
