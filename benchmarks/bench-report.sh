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
