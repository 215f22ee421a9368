# alerts events: the catalog as shipped; a broken catalog is refused with
# its position; help.
. "$SRC/tests/lib.sh"

otasuke init
otasuke alerts events
expect_rc 0 "events"
expect_lines 13 "$T/out"
expect_grep '^c2-known  *command-and-control  *high  *A PC in your office talked to a server that criminals use to control infected PCs$'
otasuke --lang ja alerts events --format csv
expect_grep '^port-scan,reconnaissance,low,会社のネットワークに、開いている入り口がないかを外から調べる動きがありました$'
otasuke alerts events --format json
expect_grep '^\[{"id":"login-bruteforce-fail","phase":"reconnaissance","severity":"medium","title":'
otasuke alerts events extra
expect_rc 64 "operand"

# A catalog with a mistake: every command that needs it says where.
mkdir "$T/q"
cp "$SRC"/questions/*.yaml "$T/q/"
sed 's/^    phase: delivery$/    phase: delivry/' "$SRC/questions/alerts.yaml" >"$T/q/alerts.yaml"
line=$(grep -n 'phase: delivry' "$T/q/alerts.yaml" | cut -d: -f1)
OTASUKE_DATADIR=$T/q "$OTASUKE" alerts events >"$T/out" 2>"$T/err"
rc=$?
expect_rc 65 "broken catalog"
expect_err "otasuke: $T/q/alerts.yaml:$line:12: unknown phase 'delivry'"

otasuke alerts --help
expect_rc 0 "help"
expect_grep '^usage: otasuke alerts'
otasuke alerts
expect_rc 64 "no subcommand"
otasuke alerts frob
expect_rc 64 "unknown subcommand"

done_testing
