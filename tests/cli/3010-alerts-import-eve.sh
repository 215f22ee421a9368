# alerts import --format eve: Suricata's own samples, gzip, standard
# input, lines that are not JSON, a truncated last line, duplicates.
. "$SRC/tests/lib.sh"
A=$DATA/alerts

otasuke init
otasuke company add Alpha --industry E --pcs 20

otasuke alerts import --format eve --company Alpha \
	"$A/suricata-verify_alert-testmyids_eve.json" \
	"$A/suricata-verify_dnp3-func-alert_eve.json"
expect_rc 0 "two samples"
expect_err "$A/suricata-verify_alert-testmyids_eve.json: 1 line, 1 alert (0 unclassified) stored for 'Alpha'
$A/suricata-verify_dnp3-func-alert_eve.json: 2 lines, 2 alerts (2 unclassified) stored for 'Alpha'"
expect_sql "SELECT period_start, period_end, event, src_ip, count FROM alert_count ORDER BY id" \
"2016-07-13|2016-07-13|abnormal-process|82.165.177.154|1
2015-07-14|2015-07-14|unclassified|127.0.0.1|2"
expect_sql "SELECT kind, sha256, records FROM import ORDER BY id" \
"alerts-eve|67d54488739f473f73640b85f8680c12799151df879f8e2adf36af7226fb48cf|1
alerts-eve|74eb7c4a5bf36595107431e4f68e5ceffb1c5f46ae11bee6693847e310ccca63|2"

# The same content again, compressed and from standard input: skipped.
gzip -c "$A/suricata-verify_alert-testmyids_eve.json" >"$T/eve.json.gz"
otasuke alerts import --format eve --company 1 "$T/eve.json.gz"
expect_rc 0 "gzip duplicate"
expect_err "$T/eve.json.gz: already imported on 2025-11-25, skipped"
"$OTASUKE" alerts import --format eve --company Alpha - \
	<"$A/suricata-verify_dnp3-func-alert_eve.json" >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "stdin duplicate"
expect_err "<stdin>: already imported on 2025-11-25, skipped"
expect_sql "SELECT count(*), sum(count) FROM alert_count" "2|3"

# A log with noise: a Zeek line, garbage, a blank line, other event
# types, an alert without a date, and a last line cut short.
{
	printf '#fields\tts\tuid\n'
	printf '{"timestamp":"2020-10-01T10:00:00.000000+0900","event_type":"alert","src_ip":"192.168.1.10","alert":{"signature_id":2009582,"signature":"ET SCAN NMAP -sS"}}\n'
	printf 'garbage\n'
	printf '\n'
	printf '{"timestamp":"2020-10-01T10:00:01","event_type":"dns","src_ip":"192.168.1.10"}\n'
	printf '{"alert":{"signature":"ET CNC Feodo Tracker"},"event_type":"alert","src_ip":"192.168.1.10","timestamp":"2020-10-01T11:00:00+0900"}\n'
	printf '{"timestamp":"2020-10-02T01:00:00","event_type":"alert","src_ip":"192.168.1.11","alert":{"signature":"\\u0045T CNC x"}}\n'
	printf '{"event_type":"alert","alert":{}}\n'
	printf '{"a":1}}\n'
	printf '{"timestamp":"2020-10-02T02:00:00","event_type":"alert","src_ip":"192.168.1.11","alert":{"signature":"ET CNC y"}}\n'
	printf '{"timestamp":"2020-10-02T03:00:00","event_type":"alert","src_ip":"192.16'
} | gzip >"$T/noisy.json.gz"
otasuke alerts import --format eve --company Alpha "$T/noisy.json.gz"
expect_rc 0 "noisy log"
expect_err "otasuke: warning: $T/noisy.json.gz:1:1: not a JSON object (starts with '#'); skipped
otasuke: warning: $T/noisy.json.gz:3:1: not a JSON object (starts with 'g'); skipped
otasuke: warning: $T/noisy.json.gz:8: an alert without a date (YYYY-MM-DD...) in 'timestamp'; skipped
otasuke: warning: $T/noisy.json.gz:9:8: not JSON: '}' after the end of the object; skipped
otasuke: warning: $T/noisy.json.gz:11: the last line is cut short (no newline, incomplete JSON); skipped
otasuke: warning: $T/noisy.json.gz: 4 lines skipped (not JSON)
otasuke: warning: $T/noisy.json.gz: 1 alert without a date or an 'alert' object skipped
$T/noisy.json.gz: 11 lines, 4 alerts (0 unclassified) stored for 'Alpha'"
expect_sql "SELECT period_start, event, src_ip, count FROM alert_count WHERE import_id = 3 ORDER BY 1, 2, 3" \
"2020-10-01|c2-known|192.168.1.10|1
2020-10-01|port-scan|192.168.1.10|1
2020-10-02|c2-known|192.168.1.11|2"

# More than five problems: the first five and a count.
for i in 1 2 3 4 5 6 7; do printf 'bad %s\n' $i; done >"$T/bad.json"
otasuke -q alerts import --format eve --company Alpha "$T/bad.json"
expect_rc 0 "-q: quiet"
expect_lines 0
otasuke alerts import --format eve --company Alpha "$T/bad.json"
expect_rc 0 "seven bad lines (a duplicate now)"
expect_grep "bad.json: 2 more problems like these" "$T/err"
expect_grep "bad.json: 7 lines skipped (not JSON)" "$T/err"

# Zeek's notice.log: one notice, SSH password guessing.
otasuke alerts import --format zeek-notice --company Alpha \
	"$A/zeek_ssh-detect-bruteforcing_notice.log"
expect_rc 0 "zeek notice.log"
expect_err "$A/zeek_ssh-detect-bruteforcing_notice.log: 10 lines, 1 alert (0 unclassified) stored for 'Alpha'"
expect_sql "SELECT period_start, event, src_ip, count FROM alert_count WHERE import_id = (SELECT id FROM import WHERE kind = 'alerts-zeek-notice')" \
	"2015-03-30|login-bruteforce-fail|192.168.56.1|1"
otasuke alerts import --format zeek-notice --company Alpha "$A/suricata-verify_alert-testmyids_eve.json"
expect_rc 0 "an EVE log read as notices"
expect_err "otasuke: warning: $A/suricata-verify_alert-testmyids_eve.json:1: a line before the #fields line (is this a Zeek notice.log?); skipped
otasuke: warning: $A/suricata-verify_alert-testmyids_eve.json: 1 line skipped (not notices)
$A/suricata-verify_alert-testmyids_eve.json: 1 line, 0 alerts (0 unclassified) stored for 'Alpha'"
otasuke alerts import --format zeek-notice "$A/zeek_ssh-detect-bruteforcing_notice.log"
expect_rc 64 "zeek without --company"
expect_grep "'alerts import --format zeek-notice' needs --company C" "$T/err"

before="SELECT count(*), sum(count) FROM alert_count"
stored="6|8"
expect_sql "$before" "$stored"

# Errors.
otasuke alerts import --format eve "$T/bad.json"
expect_rc 64 "no --company"
expect_grep "'alerts import --format eve' needs --company C" "$T/err"
otasuke alerts import --format eve --company Ghost "$T/bad.json"
expect_rc 65 "unknown company"
expect_err "otasuke: no company 'Ghost'; 'otasuke company list' shows them"
otasuke alerts import --format eve --company Alpha "$T/bad.json" "$T/none.json"
expect_rc 66 "one missing file: nothing read"
expect_err "otasuke: cannot open '$T/none.json': No such file or directory"
otasuke alerts import --format eve --company Alpha "$T"
expect_rc 66 "a directory"
expect_err "otasuke: '$T' is a directory, not a file"
printf 'not gzip at all' | gzip | head -c 20 >"$T/broken.json.gz"
otasuke alerts import --format eve --company Alpha "$T/broken.json.gz"
expect_rc 74 "broken gzip"
expect_grep "cannot read '$T/broken.json.gz': " "$T/err"
otasuke alerts import --format eve --company Alpha - -
expect_rc 64 "stdin twice"
otasuke alerts import --format eve --company Alpha --encoding cp932 "$T/bad.json"
expect_rc 64 "--encoding with eve"
otasuke alerts import --format eve --company Alpha
expect_rc 64 "no file"
expect_sql "$before" "$stored"

done_testing
