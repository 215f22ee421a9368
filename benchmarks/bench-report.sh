#!/bin/sh
# Health-check sheet figures: milliseconds per A4 page with one renderer
# (fonts created once, as in a batch worker): PDF, PNG (150 dpi) and SVG
# of the sample sheet of tests/unit/report_sample.h (two pages).
set -eu
: "${OTASUKE:=$PWD/otasuke}"
export OTASUKE_DATADIR="${OTASUKE_DATADIR:-$PWD/questions}"
out=benchmarks/out
mkdir -p "$out"
make -s build/libreport.a build/libalerts.a build/libdiag.a build/libcore.a
cc -std=c11 -O2 -D_GNU_SOURCE -I. -o "$out/bench-report" \
	benchmarks/bench-report.c build/libreport.a build/libalerts.a \
	build/libdiag.a build/libcore.a \
	$(pkg-config --libs pangocairo cairo yaml-0.1 sqlite3 zlib) -lm

set -- $("$out/bench-report" 200 pdf "$out")
echo "report: sheet page as PDF, one renderer, 200 sheets: median $1 ms, mean $2 ms, $3 bytes per 2 pages (target <= 15 ms)"
set -- $("$out/bench-report" 50 png "$out")
echo "report: sheet page as PNG 150 dpi, one renderer: median $1 ms (no target)"
set -- $("$out/bench-report" 50 svg "$out")
echo "report: sheet page as SVG, one renderer: median $1 ms (no target)"

# Batches on demo databases (otasuke demo): 1,000 sheets with -j 2, and
# the peak memory of a worker at 100 and at 1,000 companies.
rss_and_time() {	# DB DIR JOBS -> "seconds peak_kb"
	rm -rf "$2"
	/usr/bin/time -f "%e %M" -o "$out/time.txt" \
		"$OTASUKE" -q --db "$1" report batch --all -o "$2" -j "$3" \
		>/dev/null 2>&1 || [ $? -eq 2 ]
	tail -1 "$out/time.txt"
}
for n in 100 1000; do
	rm -f "$out/report-$n.db" "$out/report-$n.db-wal" "$out/report-$n.db-shm"
	"$OTASUKE" -q --db "$out/report-$n.db" demo -n $n -o "$out/demo-$n" \
		>/dev/null 2>&1
done
set -- $(rss_and_time "$out/report-1000.db" "$out/sheets-1000" 2)
sheets=$(grep -c ',ok,' "$out/sheets-1000/index.csv" || true)
echo "report: batch of 1000 companies ($sheets sheets) with -j 2: $1 s (target <= 10 s)"
rss1000=$2
set -- $(rss_and_time "$out/report-100.db" "$out/sheets-100" 2)
echo "report: batch peak RSS: $2 KB at 100 companies, $rss1000 KB at 1000 (target: within 10%)"
