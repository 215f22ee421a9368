#!/bin/sh
# Alerts figures:
#  - import 1,000,000 summary rows (shuffled, 100 companies): < 3 s;
#  - import a 500 MB Suricata EVE log (benchmarks/gen-eve.c: dns, flow,
#    tls, stats and alert records, varied key orders, payloads, escapes)
#    against jq -c 'select(.event_type=="alert") | [.alert.signature_id,
#    .src_ip]' | sort | uniq -c on the same file: at least 5 times faster;
#  - peak memory of the EVE import on 50 MB and 500 MB: flat.
# EVE_MB=N changes the size of the big log (default 500).
set -eu
: "${OTASUKE:=$PWD/otasuke}"
: "${EVE_MB:=500}"
out=benchmarks/out
mkdir -p "$out"
cc -O2 -o "$out/gen-eve" benchmarks/gen-eve.c

now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{printf "%.2f", $2 - $1}'; }

# Peak resident memory of a command in MB (stdout and stderr of the
# command go to /dev/null): GNU time if there is one, else /proc.
peak_mb() {
	if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
		/usr/bin/time -v "$@" 2>&1 >/dev/null |
			awk '/Maximum resident set size/ {printf "%.1f", $NF / 1024}'
		return
	fi
	"$@" >/dev/null 2>&1 &
	pid=$!
	hwm=0
	while kill -0 $pid 2>/dev/null; do
		v=$(awk '/^VmHWM:/ {print $2}' /proc/$pid/status 2>/dev/null || true)
		[ -n "$v" ] && hwm=$v
		sleep 0.05
	done
	wait $pid || true
	echo "$hwm" | awk '{printf "%.1f", $1 / 1024}'
}

fresh_db() {
	rm -f "$1" "$1-wal" "$1-shm"
	"$OTASUKE" --db "$1" -q init
}

# ---- summary CSV ----
db=$out/bench-alerts.db
fresh_db "$db"
awk 'BEGIN {
	print "name,industry,employees,pcs"
	for (i = 1; i <= 100; i++)
		printf "Company %03d,%c,%d,%d\n", i, 65 + i % 20, 5 + i % 50, 3 + i % 40
}' >"$out/alerts-companies.csv"
"$OTASUKE" --db "$db" -q company import "$out/alerts-companies.csv"
awk -v n=1000000 'BEGIN {
	srand(42)
	split("login-bruteforce-fail login-reverse-bruteforce-fail port-scan " \
	      "url-scan phishing-site malware-site abnormal-process c2-known " \
	      "c2-dga dns-tunneling login-bruteforce-success syn-flood " \
	      "unclassified", ev, " ")
	print "company,period_start,period_end,event,count,src_ip"
	for (i = 0; i < n; i++) {
		m = 10 + int(rand() * 3); d = 1 + int(rand() * 28)
		ip = rand() < 0.3 ? "" : sprintf("192.168.%d.%d", int(rand() * 4), 2 + int(rand() * 200))
		printf "Company %03d,2020-%02d-%02d,2020-%02d-%02d,%s,%d,%s\n",
		       1 + int(rand() * 100), m, d, m, d, ev[1 + int(rand() * 13)],
		       int(rand() * 50), ip
	}
}' >"$out/alerts-summary.csv"
t0=$(now)
"$OTASUKE" --db "$db" -q alerts import "$out/alerts-summary.csv"
t1=$(now)
echo "alerts: import 1000000 summary rows: $(secs $t0 $t1) s (target < 3 s)"

t0=$(now)
"$OTASUKE" --db "$db" alerts summary --format json >/dev/null
"$OTASUKE" --db "$db" alerts summary --by company --format json >/dev/null
"$OTASUKE" --db "$db" alerts summary --by industry --format json >/dev/null
"$OTASUKE" --db "$db" alerts summary --stats --format json >/dev/null
t1=$(now)
echo "alerts: summary by event, company, industry and stats over 1000000 rows: $(secs $t0 $t1) s (target < 2 s)"

# ---- EVE ----
eve=$out/eve-$EVE_MB.json
# kept between runs (it takes a while), made again when gen-eve.c changes
[ -s "$eve" ] && [ "$eve" -nt benchmarks/gen-eve.c ] ||
	"$out/gen-eve" "$EVE_MB" 42 >"$eve"
"$out/gen-eve" 50 42 >"$out/eve-50.json"
fresh_db "$db"
"$OTASUKE" --db "$db" -q company add Bench --industry E --pcs 30

t0=$(now)
"$OTASUKE" --db "$db" -q alerts import --format eve --company Bench "$eve"
t1=$(now)
ours=$(secs $t0 $t1)
mb=$(du -m "$eve" | cut -f1)
echo "alerts: EVE import, $mb MB: $ours s, $(echo "$mb $ours" | awk '{printf "%.0f", $1 / $2}') MB/s"

if command -v jq >/dev/null 2>&1; then
	t0=$(now)
	jq -c 'select(.event_type=="alert") | [.alert.signature_id, .src_ip]' "$eve" |
		sort | uniq -c >"$out/eve-jq.txt"
	t1=$(now)
	theirs=$(secs $t0 $t1)
	n_jq=$(awk '{n += $1} END {print n + 0}' "$out/eve-jq.txt")
	n_us=$(sqlite3 "$db" "SELECT sum(count) FROM alert_count" 2>/dev/null || echo "?")
	echo "alerts: jq | sort | uniq -c on the same log: $theirs s; otasuke is $(echo "$theirs $ours" | awk '{printf "%.1f", $1 / $2}') times faster (target >= 5); alerts counted: $n_us, jq $n_jq"
else
	echo "alerts: jq is not installed: EVE comparison skipped (apt-get install jq)"
fi

fresh_db "$db"
"$OTASUKE" --db "$db" -q company add Bench --industry E --pcs 30
small=$(peak_mb "$OTASUKE" --db "$db" alerts import --format eve --company Bench "$out/eve-50.json")
big=$(peak_mb "$OTASUKE" --db "$db" alerts import --format eve --company Bench "$eve")
keys=$(sqlite3 "$db" "SELECT group_concat(n, ' and ') FROM (SELECT count(*)
	AS n FROM alert_count GROUP BY import_id ORDER BY import_id)" 2>/dev/null ||
	echo "?")
echo "alerts: EVE import peak memory: $small MB for 50 MB, $big MB for $mb MB; it grows with the day/event/source keys ($keys), not the bytes (target: flat)"
rm -f "$out/eve-50.json"
