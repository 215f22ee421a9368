#!/bin/sh
# Run every end-to-end case tests/cli/NNNN-*.sh against $OTASUKE.
# Prints failures as they happen and ends with "N passed, N failed".
: "${OTASUKE:?set OTASUKE to the otasuke binary}"
dir=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
for t in "$dir"/cli/[0-9][0-9][0-9][0-9]-*.sh; do
	[ -f "$t" ] || continue
	if SRC=$(dirname "$dir") bash "$t"; then
		passed=$((passed + 1))
	else
		echo "not ok: $(basename "$t")"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
