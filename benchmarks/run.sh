#!/bin/sh
# make bench: run every benchmarks/bench-*.sh; each prints one line per
# figure with its target. Needs a built ./otasuke.
cd "$(dirname "$0")/.." || exit 1
export OTASUKE="$PWD/otasuke" OTASUKE_DATADIR="$PWD/questions"
mkdir -p benchmarks/out
status=0
for b in benchmarks/bench-*.sh; do
	[ -f "$b" ] || continue
	sh "$b" || status=1
done
exit $status
