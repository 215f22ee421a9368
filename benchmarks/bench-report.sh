#!/bin/sh
# Report figures, one line each with its target:
#  - ms per page of the sample sheet with one renderer (PDF, PNG, SVG);
#  - ms per sheet from a database, single worker, warm (median);
#  - sheets per second with -j 2, and 1,000 sheets in <= 10 s;
#  - peak RSS of a batch at 100 and at 1,000 companies (within 10%);
#  - the same sheet as HTML (benchmarks/bench-report.html) through
#    WeasyPrint, and how many times faster ours is (>= 100x). WeasyPrint
#    (Debian package weasyprint) is installed here when missing, if this
#    runs as root; otherwise that figure is skipped with a message.
set -eu
: "${OTASUKE:=$PWD/otasuke}"
export OTASUKE_DATADIR="${OTASUKE_DATADIR:-$PWD/questions}"
out=benchmarks/out
mkdir -p "$out"
make -s build/libreport.a build/libalerts.a build/libsurvey.a \
	build/libdiag.a build/libcore.a
cc -std=c11 -O2 -D_GNU_SOURCE -I. -o "$out/bench-report" \
	benchmarks/bench-report.c build/libreport.a build/libalerts.a \
	build/libsurvey.a build/libdiag.a build/libcore.a \
	$(pkg-config --libs pangocairo pangofc harfbuzz fontconfig libdeflate cairo yaml-0.1 sqlite3 zlib xlsxwriter) \
	-lm

set -- $("$out/bench-report" 200 pdf "$out")
echo "report: sample sheet page as PDF, one renderer, 200 sheets: median $1 ms, mean $2 ms, $3 bytes per 2 pages (no target)"
set -- $("$out/bench-report" 50 png "$out")
echo "report: sample sheet page as PNG 150 dpi, one renderer: median $1 ms (no target)"
set -- $("$out/bench-report" 50 svg "$out")
echo "report: sample sheet page as SVG, one renderer: median $1 ms (no target)"

# Demo databases (otasuke demo) of 100 and 1,000 companies.
for n in 100 1000; do
	rm -f "$out/report-$n.db" "$out/report-$n.db-wal" "$out/report-$n.db-shm"
	"$OTASUKE" -q --db "$out/report-$n.db" demo -n $n -o "$out/demo-$n" \
		>/dev/null 2>&1
done

# One worker, warm (fonts, peers and sets loaded, one sheet drawn first):
# the median over 300 companies' sheets, as a batch draws them.
set -- $("$out/bench-report" sheets "$out/report-1000.db" 300 "$out")
per_sheet=$1
echo "report: one sheet from the database, single worker, warm: median $1 ms, mean $2 ms ($3 pages for 300 sheets) (target <= 15 ms)"

rss_and_time() {	# DB DIR JOBS -> "seconds peak_kb"
	rm -rf "$2"
	/usr/bin/time -f "%e %M" -o "$out/time.txt" \
		"$OTASUKE" -q --db "$1" report batch --all -o "$2" -j "$3" \
		>/dev/null 2>&1 || [ $? -eq 2 ]
	tail -1 "$out/time.txt"
}
set -- $(rss_and_time "$out/report-1000.db" "$out/sheets-1000" 2)
sheets=$(grep -c ',ok,' "$out/sheets-1000/index.csv" || true)
rate=$(awk -v n="$sheets" -v s="$1" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
echo "report: batch of 1000 companies with -j 2: $rate sheets per second (no target)"
echo "report: batch of 1000 companies ($sheets sheets) with -j 2: $1 s (target <= 10 s)"
rss1000=$2
set -- $(rss_and_time "$out/report-100.db" "$out/sheets-100" 2)
rss100=$2
pct=$(awk -v a="$rss100" -v b="$rss1000" 'BEGIN { printf "%+.1f", (b - a) * 100 / a }')
echo "report: batch peak RSS: $rss100 KB at 100 companies, $rss1000 KB at 1000, $pct% (target: within 10%)"

# WeasyPrint on the same sheet (company 1 of the 100-company database,
# office and home working), as HTML and CSS.
if ! command -v weasyprint >/dev/null 2>&1; then
	if [ "$(id -u)" -eq 0 ]; then
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -q weasyprint >/dev/null 2>&1 ||
			{ apt-get update -q >/dev/null 2>&1 &&
			  apt-get install -y -q weasyprint >/dev/null 2>&1; } ||
			true
	fi
fi
if ! command -v weasyprint >/dev/null 2>&1; then
	echo "report: WeasyPrint comparison skipped: the Debian package weasyprint is not installed and could not be (target >= 100x)"
	exit 0
fi
"$out/bench-report" html "$out/report-100.db" 1 benchmarks/bench-report.html \
	"$out/sheet-1.html"
# Ours: the median of the two-page sheets among 300 different companies
# (warm, single worker: what a batch does), not one sheet drawn again and
# again, which the layout cache would flatter.
set -- $("$out/bench-report" sheets "$out/report-1000.db" 300 "$out")
ours=$4
for i in 1 2 3; do
	/usr/bin/time -f "%e" -o "$out/weasy-$i.txt" \
		weasyprint -q "$out/sheet-1.html" "$out/sheet-1-weasy.pdf" \
		>/dev/null 2>&1
done
weasy=$(cat "$out"/weasy-[123].txt | sort -n | sed -n 2p)
wpages=$(pdfinfo "$out/sheet-1-weasy.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
ratio=$(awk -v w="$weasy" -v o="$ours" 'BEGIN { printf "%.0f", w * 1000 / o }')
echo "report: a two-page sheet with WeasyPrint (median of 3 runs of its command): $(awk -v w="$weasy" 'BEGIN { printf "%.0f", w * 1000 }') ms ($wpages pages); ours (median of the two-page sheets): $ours ms: ${ratio}x faster (target >= 100x)"
