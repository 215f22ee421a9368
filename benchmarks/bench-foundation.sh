#!/bin/sh
# Foundation figures: company import of 100,000 rows, --version start-up.
set -eu
: "${OTASUKE:=$PWD/otasuke}"
out=benchmarks/out
mkdir -p "$out"
cc -O2 -o "$out/gen-companies" benchmarks/gen-companies.c
"$out/gen-companies" 100000 42 >"$out/companies.csv"
iconv -f UTF-8 -t CP932 "$out/companies.csv" >"$out/companies-cp932.csv"

now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{printf "%.3f", $2 - $1}'; }

for f in companies companies-cp932; do
	rm -f "$out/bench.db"
	"$OTASUKE" --db "$out/bench.db" -q init
	t0=$(now)
	"$OTASUKE" --db "$out/bench.db" -q company import "$out/$f.csv"
	t1=$(now)
	echo "foundation: import 100000 companies ($f): $(secs $t0 $t1) s (target < 1 s)"
done

t0=$(now)
i=0
while [ $i -lt 200 ]; do "$OTASUKE" --version >/dev/null; i=$((i + 1)); done
t1=$(now)
echo "foundation: otasuke --version: $(echo "$t0 $t1" | awk '{printf "%.2f", ($2 - $1) * 1000 / 200}') ms (target < 5 ms)"
