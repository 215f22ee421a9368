# The dispatcher: version, help, unknown commands and options.
. "$SRC/tests/lib.sh"

otasuke --version
expect_rc 0
expect_grep '^otasuke [0-9]'

otasuke --help
expect_rc 0
expect_grep '^usage: otasuke'
expect_grep '^  company'

otasuke
expect_rc 64 "bare otasuke"
expect_grep '^usage: otasuke' "$T/err"

otasuke frobnicate
expect_rc 64 "unknown command"
expect_grep "'frobnicate' is not an otasuke command" "$T/err"

otasuke --frob
expect_rc 64 "unknown option"
expect_grep "unknown option '--frob'" "$T/err"

otasuke --lang xx company list
expect_rc 64 "bad --lang"

otasuke company list
expect_rc 66 "no database"
expect_err "otasuke: no database '$T/otasuke.db'; run 'otasuke init' to create it, or name one with --db"

for c in init config company questions db; do
	otasuke $c --help
	expect_rc 0 "$c --help"
	expect_grep '^usage: otasuke' 
done

done_testing
