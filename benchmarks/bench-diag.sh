#!/bin/sh
# Diagnosis figures: scoring every company of a 10,000-company database
# (peer averages included), `diag list` and `diag score` end to end, and
# loading + validating all shipped question sets.
set -eu
: "${OTASUKE:=$PWD/otasuke}"
export OTASUKE_DATADIR="${OTASUKE_DATADIR:-$PWD/questions}"
out=benchmarks/out
mkdir -p "$out"
make -s build/libdiag.a build/libcore.a
cc -std=c11 -O2 -D_GNU_SOURCE -I. -o "$out/bench-diag" benchmarks/bench-diag.c \
	build/libdiag.a build/libcore.a \
	$(pkg-config --libs sqlite3 yaml-0.1) -lm
db=$out/diag.db
"$out/bench-diag" gen "$db" 10000 >/dev/null

set -- $("$out/bench-diag" score "$db" 5)
echo "diag: score $1 companies with peer averages ($2 compared within their industry): $3 s (target < 1 s)"

now() { date +%s.%N; }
t0=$(now)
"$OTASUKE" --db "$db" diag list --format csv >/dev/null
t1=$(now)
echo "diag: 'diag list' of 10000 companies: $(echo "$t0 $t1" | awk '{printf "%.3f", $2 - $1}') s (no target)"
t0=$(now)
"$OTASUKE" --db "$db" diag score 5000 --format json >/dev/null
t1=$(now)
echo "diag: 'diag score' of one company among 10000: $(echo "$t0 $t1" | awk '{printf "%.3f", $2 - $1}') s (no target)"

set -- $("$out/bench-diag" sets "$OTASUKE_DATADIR" 20)
echo "diag: load and validate all $1 shipped question sets: $2 ms (target < 20 ms)"

# diag import of the same answers as CSV into a database with only the
# companies (430,000+ rows).
sqlite3 -csv "$db" "SELECT name, industry FROM company ORDER BY id" |
	sed '1i name,industry' >"$out/diag-companies.csv"
sqlite3 -csv "$db" "SELECT c.name, 'diag-office', a.question, a.option
	FROM answer a JOIN assessment s ON s.id = a.assessment_id
	JOIN company c ON c.id = s.company_id ORDER BY c.id" |
	sed '1i company,set,question,answer' >"$out/diag-answers.csv"
rows=$(($(wc -l <"$out/diag-answers.csv") - 1))
rm -f "$out/diag-import.db"
"$OTASUKE" --db "$out/diag-import.db" -q init
"$OTASUKE" --db "$out/diag-import.db" -q company import "$out/diag-companies.csv"
rss=
t0=$(now)
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o "$out/diag-import.rss" \
		"$OTASUKE" --db "$out/diag-import.db" -q diag import "$out/diag-answers.csv"
	rss=", peak RSS $(($(tail -n 1 "$out/diag-import.rss") / 1024)) MB"
else
	"$OTASUKE" --db "$out/diag-import.db" -q diag import "$out/diag-answers.csv"
fi
t1=$(now)
echo "diag: 'diag import' of $rows answers (10000 companies): $(echo "$t0 $t1" | awk '{printf "%.3f", $2 - $1}') s$rss (no target; memory does not grow with the rows)"
