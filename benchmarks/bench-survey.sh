#!/bin/sh
# Survey figures: import 100,000 responses, tally them over all questions
# with a cross-tab by industry, and the workbook with every sheet and chart.
set -eu
: "${OTASUKE:=$PWD/otasuke}"
out=benchmarks/out
mkdir -p "$out"
cc -O2 -o "$out/gen-survey" benchmarks/gen-survey.c
"$out/gen-survey" 100000 42 >"$out/survey.csv"
db=$out/bench-survey.db
rm -f "$db" "$db-wal" "$db-shm"
"$OTASUKE" --db "$db" -q init

now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{printf "%.3f", $2 - $1}'; }

# peak RSS of a command, when /usr/bin/time is there
rss() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$out/survey.rss" "$@"
		echo ", peak RSS $(($(tail -n 1 "$out/survey.rss") / 1024)) MB" \
			>"$out/survey.rss.txt"
	else
		"$@"
		: >"$out/survey.rss.txt"
	fi
}

t0=$(now)
rss "$OTASUKE" --db "$db" -q survey import "$out/survey.csv"
t1=$(now)
echo "survey: import 100000 responses: $(secs $t0 $t1) s$(cat "$out/survey.rss.txt") (target < 2 s)"

t0=$(now)
"$OTASUKE" --db "$db" survey tally --by industry --format json >"$out/tally.json"
t1=$(now)
echo "survey: tally 100000 responses, 18 questions, by industry: $(secs $t0 $t1) s (target < 0.5 s)"

t0=$(now)
"$OTASUKE" --db "$db" -q --lang ja survey tally --by industry -o "$out/survey.xlsx"
t1=$(now)
echo "survey: workbook, all sheets and charts, by industry: $(secs $t0 $t1) s (target < 1 s)"

t0=$(now)
"$OTASUKE" --db "$db" -q survey import "$out/survey.csv"
t1=$(now)
echo "survey: re-import of the same file (skipped by its hash): $(secs $t0 $t1) s"
