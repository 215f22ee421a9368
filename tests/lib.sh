# Shared helpers for tests/cli/NNNN-*.sh (sourced, never run alone).
# Each case runs in its own empty folder $T with OTASUKE_DB=$T/otasuke.db.
# $OTASUKE is the binary under test; $SRC the source tree.

set -u
: "${OTASUKE:?set OTASUKE to the otasuke binary}"
SRC=${SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=$SRC/tests/data
SHARED=$SRC/../shared
export OTASUKE_DATADIR=$SRC/questions
export LANG=C LC_ALL= LC_MESSAGES=
export SOURCE_DATE_EPOCH=1764028800	# 2025-11-25, for stable dates
T=$(mktemp -d "${TMPDIR:-/tmp}/otasuke-cli.XXXXXX")
export OTASUKE_DB=$T/otasuke.db
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

case_name=$(basename "$0" .sh)
ok=0
bad=0

# otasuke ARGS...: run the binary, stdout to $T/out, stderr to $T/err,
# exit code in $rc. Never fails the script by itself.
otasuke() {
	"$OTASUKE" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	return 0
}

pass() { ok=$((ok + 1)); }
fail() {
	bad=$((bad + 1))
	echo "FAIL $case_name: $*"
	[ -s "$T/err" ] && sed 's/^/  stderr: /' "$T/err" | head -5
	return 0
}

# expect_rc N [what]
expect_rc() {
	if [ "$rc" -eq "$1" ]; then pass; else fail "${2:-command}: exit $rc, expected $1"; fi
}

# expect_out TEXT: stdout equals TEXT exactly
expect_out() {
	printf '%s\n' "$1" >"$T/expect"
	if cmp -s "$T/expect" "$T/out"; then pass; else
		fail "stdout differs:"; diff -u "$T/expect" "$T/out" | head -20; fi
}

# expect_err TEXT: stderr equals TEXT exactly (one line)
expect_err() {
	printf '%s\n' "$1" >"$T/expect"
	if cmp -s "$T/expect" "$T/err"; then pass; else
		fail "stderr differs:"; diff -u "$T/expect" "$T/err" | head -20; fi
}

# expect_grep PATTERN [FILE]: FILE (default stdout) has a line matching
expect_grep() {
	if grep -q -- "$1" "${2:-$T/out}"; then pass; else
		fail "no line matching '$1' in ${2:-stdout}"; fi
}
expect_no_grep() {
	if grep -q -- "$1" "${2:-$T/out}"; then
		fail "unexpected line matching '$1' in ${2:-stdout}"; else pass; fi
}

# expect_lines N [FILE]: FILE (default stderr) has exactly N lines
expect_lines() {
	n=$(wc -l <"${2:-$T/err}")
	if [ "$n" -eq "$1" ]; then pass; else fail "${2:-stderr} has $n lines, expected $1"; fi
}

# sql QUERY: run QUERY on the test database, print the result
sql() { sqlite3 "$OTASUKE_DB" "$1"; }

# expect_sql QUERY VALUE
expect_sql() {
	v=$(sql "$1")
	if [ "$v" = "$2" ]; then pass; else fail "sql '$1' gave '$v', expected '$2'"; fi
}

# Finish: print a summary line for run-cli.sh and exit 1 on failures.
done_testing() {
	echo "$case_name: $ok passed, $bad failed" >"$T/summary"
	[ "$bad" -eq 0 ] || exit 1
	exit 0
}
