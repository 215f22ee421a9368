# alerts import FILE.csv: the summary export, all or nothing, each bad
# input with its exact message, re-import of the same content skipped.
. "$SRC/tests/lib.sh"

otasuke init
otasuke company add Alpha --industry E --pcs 20
otasuke company add 'ベータ商会' --industry G --pcs 5

cat >"$T/s.csv" <<'EOF'
company,period_start,period_end,event,count,src_ip
Alpha,2020-10-01,2020-10-31,port-scan,569,
Alpha,2020-10-01,2020-10-31,c2-known,3,192.168.1.10
2,2020-11-01,2020-11-30,malware-site,7,2001:DB8::5
ベータ商会,2020-12-01,2020-12-31,unclassified,4,
Alpha,2020-12-01,2020-12-01,port-scan,0,10.0.0.1
EOF
otasuke alerts import "$T/s.csv"
expect_rc 0 "import"
expect_err "$T/s.csv: 5 rows, 583 alerts stored (utf-8)"
expect_sql "SELECT count(*), sum(count) FROM alert_count" "5|583"
expect_sql "SELECT src_ip FROM alert_count WHERE event = 'malware-site'" "2001:db8::5"
expect_sql "SELECT company_id FROM alert_count WHERE event = 'unclassified'" 2
expect_sql "SELECT kind, records, path FROM import" "alerts-summary|5|$T/s.csv"

# The same content again, under another name: skipped.
cp "$T/s.csv" "$T/copy.csv"
otasuke alerts import "$T/copy.csv"
expect_rc 0 "same content"
expect_err "$T/copy.csv: already imported on 2025-11-25, skipped"
expect_sql "SELECT count(*), sum(count) FROM alert_count" "5|583"

# Columns in any order, Japanese names, no src_ip column; from stdin.
printf '件数,イベント,会社名,終了日,開始日\n2,syn-flood,Alpha,2021-01-31,2021-01-01\n' |
	"$OTASUKE" alerts import - >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "stdin"
expect_err "<stdin>: 1 row, 2 alerts stored (utf-8)"
expect_sql "SELECT count FROM alert_count WHERE event = 'syn-flood'" 2
expect_sql "SELECT path FROM import WHERE id = 2" "<stdin>"

# No header row: data in the documented order.
printf 'Alpha,2021-02-01,2021-02-28,url-scan,9\n' >"$T/nohead.csv"
otasuke alerts import "$T/nohead.csv"
expect_rc 0 "no header"
expect_sql "SELECT count FROM alert_count WHERE event = 'url-scan'" 9

# CP932 (Excel's CSV) with a Japanese company name.
printf 'company,period_start,period_end,event,count\nベータ商会,2021-03-01,2021-03-31,phishing-site,1\n' |
	iconv -f UTF-8 -t CP932 >"$T/cp932.csv"
otasuke alerts import "$T/cp932.csv"
expect_rc 0 "cp932"
expect_err "$T/cp932.csv: 1 row, 1 alert stored (cp932)"
expect_sql "SELECT company_id FROM alert_count WHERE event = 'phishing-site'" 2

before="SELECT count(*), sum(count) FROM alert_count"
stored="8|595"
expect_sql "$before" "$stored"

# Every bad row is reported; nothing is stored.
cat >"$T/bad.csv" <<'EOF'
company,period_start,period_end,event,count,src_ip
Alpha,2020-10-01,2020-10-31,port-scan,5,
Nope,2020-13-01,2020-10-31,port-scn,-1,1.2.3
Alpha,2020-10-02,2020-10-01,c2-known,x,192.168.001.1
Alpha,2020-02-30,20201031,c2-known,1.5,
,2020-10-01,2020-10-31,c2-known,99999999999999,
Alpha,2020-10-01
EOF
otasuke alerts import "$T/bad.csv"
expect_rc 65 "bad rows"
expect_err "otasuke: $T/bad.csv:3: field 1 (column A): no company 'Nope'; 'otasuke company list' shows them
otasuke: $T/bad.csv:3: field 2 (column B): period_start '2020-13-01' is not a date (YYYY-MM-DD)
otasuke: $T/bad.csv:3: field 4 (column D): unknown event 'port-scn'; 'otasuke alerts events' lists them
otasuke: $T/bad.csv:3: field 5 (column E): count '-1' is not a whole number of 0 or more
otasuke: $T/bad.csv:3: field 6 (column F): src_ip '1.2.3' is not an IPv4 or IPv6 address
otasuke: $T/bad.csv:4: field 3 (column C): period_end 2020-10-01 is before period_start 2020-10-02
otasuke: $T/bad.csv:4: field 5 (column E): count 'x' is not a whole number of 0 or more
otasuke: $T/bad.csv:4: field 6 (column F): src_ip '192.168.001.1' is not an IPv4 or IPv6 address
otasuke: $T/bad.csv:5: field 2 (column B): period_start '2020-02-30' is not a date (YYYY-MM-DD)
otasuke: $T/bad.csv:5: field 3 (column C): period_end '20201031' is not a date (YYYY-MM-DD)
otasuke: $T/bad.csv:5: field 5 (column E): count '1.5' is not a whole number of 0 or more
otasuke: $T/bad.csv:6: field 1 (column A): the company is empty
otasuke: $T/bad.csv:6: field 5 (column E): count '99999999999999' is not a whole number of 0 or more
otasuke: $T/bad.csv:7: 2 fields, fewer than the header's 6
otasuke: $T/bad.csv: 14 errors, nothing was changed"
expect_sql "$before" "$stored"
expect_sql "SELECT count(*) FROM import" 4

# One error alone, each kind, with its exit code.
bad() {
	printf '%s\n' "$1" >"$T/one.csv"
	otasuke alerts import "$T/one.csv"
	expect_rc 65 "$2"
	expect_err "otasuke: $T/one.csv:2: $2"
	expect_sql "$before" "$stored"
}
H=company,period_start,period_end,event,count,src_ip
bad "$H
Ghost,2020-10-01,2020-10-31,port-scan,1," "field 1 (column A): no company 'Ghost'; 'otasuke company list' shows them"
bad "$H
Alpha,2020/10/01,2020-10-31,port-scan,1," "field 2 (column B): period_start '2020/10/01' is not a date (YYYY-MM-DD)"
bad "$H
Alpha,2020-11-01,2020-10-31,port-scan,1," "field 3 (column C): period_end 2020-10-31 is before period_start 2020-11-01"
bad "$H
Alpha,2020-10-01,2020-10-31,portscan,1," "field 4 (column D): unknown event 'portscan'; 'otasuke alerts events' lists them"
bad "$H
Alpha,2020-10-01,2020-10-31,port-scan,-3," "field 5 (column E): count '-3' is not a whole number of 0 or more"
bad "$H
Alpha,2020-10-01,2020-10-31,port-scan,many," "field 5 (column E): count 'many' is not a whole number of 0 or more"
bad "$H
Alpha,2020-10-01,2020-10-31,port-scan,1,pc-12" "field 6 (column F): src_ip 'pc-12' is not an IPv4 or IPv6 address"
bad "$H
Alpha,2020-10-01,2020-10-31,port-scan,1,,extra" "7 fields, more than the header's 6"

# Header and file problems.
printf 'company,start,event\nx,y,z\n' >"$T/h.csv"
otasuke alerts import "$T/h.csv"
expect_rc 65 "bad header"
expect_err "otasuke: warning: $T/h.csv: ignored unknown columns 'start'
otasuke: $T/h.csv:1: the header needs columns company, period_start, period_end, event and count (src_ip is optional)"
printf 'company,count,company,period_start,period_end,event\n' >"$T/dup.csv"
otasuke alerts import "$T/dup.csv"
expect_rc 65 "duplicate column"
expect_grep "dup.csv:1: field 3 (column C): " "$T/err"
: >"$T/empty.csv"
otasuke alerts import "$T/empty.csv"
expect_rc 65 "empty"
expect_err "otasuke: $T/empty.csv: the file is empty; expected a header row: company,period_start,period_end,event,count,src_ip"
printf '%s\n' "$H" >"$T/headonly.csv"
otasuke alerts import "$T/headonly.csv"
expect_rc 65 "header only"
expect_err "otasuke: $T/headonly.csv: no rows after the header row"
printf 'Alpha,2020-10-01,2020-10-31,port-scan\n' >"$T/four.csv"
otasuke alerts import "$T/four.csv"
expect_rc 65 "headerless, 4 fields"
expect_err "otasuke: $T/four.csv:1: 4 fields; expected company,period_start,period_end,event,count[,src_ip]"
printf 'company,period_start,period_end,event,count\n"Alpha,2020\n' >"$T/quote.csv"
otasuke alerts import "$T/quote.csv"
expect_rc 65 "bad CSV"
expect_grep "quote.csv:2: " "$T/err"
printf 'company,period_start,period_end,event,count\nAlpha\377,2020-10-01,2020-10-31,c2-known,1\n' >"$T/enc.csv"
otasuke alerts import "$T/enc.csv" --encoding utf-8
expect_rc 65 "bad UTF-8"
expect_grep "enc.csv:2: field 1 (column A): " "$T/err"
otasuke alerts import "$T/missing.csv"
expect_rc 66 "missing file"
expect_err "otasuke: cannot open '$T/missing.csv': No such file or directory"
otasuke alerts import "$T"
expect_rc 66 "a directory"
expect_err "otasuke: '$T' is a directory, not a file"
expect_sql "$before" "$stored"

# Usage errors.
otasuke alerts import
expect_rc 64 "no file"
expect_grep "'alerts import' needs a FILE" "$T/err"
otasuke alerts import "$T/s.csv" "$T/bad.csv"
expect_rc 64 "two files"
expect_grep "a summary import takes one FILE.csv" "$T/err"
otasuke alerts import "$T/s.csv" --company Alpha
expect_rc 64 "--company with a summary"
expect_grep "a summary names the company on each row" "$T/err"
otasuke alerts import "$T/eve.json"
expect_rc 64 "looks like EVE"
expect_grep "'$T/eve.json' looks like an EVE log; add --format eve --company C" "$T/err"
otasuke alerts import --format xml "$T/s.csv"
expect_rc 64 "bad format"
expect_grep "unknown import format 'xml' (use summary, eve or zeek-notice)" "$T/err"
otasuke alerts import --encoding latin1 "$T/s.csv"
expect_rc 64 "bad encoding"
otasuke alerts import --by event "$T/s.csv"
expect_rc 64 "option of another subcommand"
expect_grep "'alerts import' does not take '--by'" "$T/err"
expect_sql "$before" "$stored"

done_testing
