# Every command line in the EXAMPLES of the man pages runs as written
# (against the demo database, in this case's own folder, with no input):
# it may find no such file or company (exit 65, 66, 73...), but it is never
# a usage error (64), an internal error (70) or a crash. So the examples
# cannot drift from the options the program takes.
. "$SRC/tests/lib.sh"

otasuke --db demo.db demo -o demo
expect_rc 0 "demo"
export OTASUKE_DB=$T/demo.db
mkdir backup

# The example lines of one page, continuation lines ("\e" in roff) joined,
# absolute paths moved into $T.
examples() {
	awk '/^\.Sh EXAMPLES/ { e = 1; next } /^\.Sh / { e = 0 } e' "$1" |
		sed -n '/otasuke /,$p' | sed 's/\\e$/\\/' |
		sed -e ':a' -e '/\\$/N; s/\\\n//; ta' |
		grep 'otasuke ' | sed -e "s|/tmp/|$T/|g" -e "s|/backup/|$T/backup/|g" \
			-e "s|/srv/otasuke/|$T/|g"
}

n=0
for page in "$SRC"/man/*.1; do
	examples "$page" >"$T/examples"
	while IFS= read -r line; do
		n=$((n + 1))
		eval "$line" </dev/null
		case $rc in
		64 | 70 | 1[2-9][0-9] | 2[0-9][0-9])
			fail "$(basename "$page"): '$line': exit $rc" ;;
		*) pass ;;
		esac
	done <"$T/examples"
done
if [ "$n" -ge 50 ]; then pass; else fail "only $n examples found"; fi
done_testing
