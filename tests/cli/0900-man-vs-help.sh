# Each command's man page SYNOPSIS and OPTIONS name the same long options as its
# --help text (after git's t0450), and every page passes mandoc -Tlint.
. "$SRC/tests/lib.sh"

# --help and the global --db and --lang may be named in any text.
opts() { grep -o -- '--[a-z][a-z0-9-]*' | grep -v -- '^--help$' | grep -v -- '^--db$' | grep -v -- '^--lang$' | sort -u; }

for page in "$SRC"/man/otasuke-*.1; do
	cmd=$(basename "$page" .1)
	cmd=${cmd#otasuke-}
	"$OTASUKE" "$cmd" --help >"$T/help" 2>&1 || { fail "$cmd --help failed"; continue; }
	sed -n '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/p; /^\.Sh OPTIONS/,/^\.Sh /p' "$page" |
		sed -n 's/.*Fl -\([a-z][a-z0-9-]*\).*/--\1/p' | opts >"$T/man-opts"
	opts <"$T/help" >"$T/help-opts"
	if cmp -s "$T/man-opts" "$T/help-opts"; then pass; else
		fail "$cmd: SYNOPSIS and --help name different options:"
		diff "$T/man-opts" "$T/help-opts" | sed 's/^/    /'
	fi
done

if command -v mandoc >/dev/null; then
	if mandoc -Tlint -W warning "$SRC"/man/*.[15] >"$T/lint" 2>&1; then pass; else
		fail "mandoc -Tlint:"; cat "$T/lint"; fi
fi
done_testing
