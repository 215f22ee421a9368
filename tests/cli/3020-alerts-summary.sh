# alerts summary: the kill-chain table, companies, industries (with the
# small-group rule), correlation and devices, on figures worked out by
# hand (see tests/data/alerts/summary/counts.csv):
#   October (period_start 2020-10-01): A1 12, A2 34, A3 26, B1 1, B2 7,
#   total 80 = port-scan 67 + phishing-site 1 + malware-site 4 +
#   c2-known 2 + unclassified 6. All periods add A1 5 (Nov) and B1 100
#   (Dec): 185. C1 has no sensor data and is in no figure.
#   PCs/alerts with known PCs: (10,12) (20,34) (30,26) (5,1): Pearson
#   398.75 / sqrt(368.75 * 644.75) = 0.8178; Spearman 1 - 6*2/(4*15) = 0.8.
. "$SRC/tests/lib.sh"
D=$DATA/alerts/summary
P="--from 2020-10-01 --to 2020-10-31"

otasuke init
otasuke company import "$D/companies.csv"
otasuke company assets import A1 "$D/assets-a1.csv"
otasuke alerts import "$D/counts.csv"
expect_rc 0 "import"

# --by event (default), in every format
otasuke alerts summary $P
expect_rc 0 "event text"
expect_out "$(cat "$D/event.txt")"
otasuke alerts summary $P --by event --format json
expect_out "$(cat "$D/event.json")"
otasuke alerts summary $P --format csv
expect_out "$(cat "$D/event.csv")"
otasuke --lang ja alerts summary $P
expect_out "$(cat "$D/event-ja.txt")"

# Totals reconcile: all periods, and the rows of each company add up.
otasuke alerts summary --format json
expect_grep '^{"from":"2020-10-01","to":"2020-12-01","total":185,"unclassified":6,'
total=0
for c in A1 A2 A3 B1 B2 C1; do
	otasuke alerts summary --company $c --format json
	n=$(sed 's/.*"total":\([0-9]*\),"unclassified".*/\1/' "$T/out")
	total=$((total + n))
done
if [ "$total" -eq 185 ]; then pass; else fail "companies add up to $total, not 185"; fi
otasuke alerts summary --company C1
expect_rc 0 "company without data"
expect_grep '^total  *0$'
otasuke alerts summary --from 2020-11-01 --format json
expect_grep '"total":105,'
otasuke alerts summary --to 2020-10-31 --format json
expect_grep '"total":80,'
otasuke alerts summary --from 2021-01-01 --format json
expect_out '{"from":"2021-01-01","to":null,"total":0,"unclassified":0,"phases":[{"id":"reconnaissance","title":"Scouting: attackers looking for a way in","total":0,"events":[{"id":"login-bruteforce-fail","count":0,"severity":"medium","title":"Someone outside kept trying password after password to log in (they did not get in)"},{"id":"login-reverse-bruteforce-fail","count":0,"severity":"medium","title":"Someone tried one common password with many different user names (they did not get in)"},{"id":"port-scan","count":0,"severity":"low","title":"Someone outside checked which doors into your network are open"},{"id":"url-scan","count":0,"severity":"low","title":"Someone probed your website or devices for weak pages or settings"},{"id":"phishing-site","count":0,"severity":"medium","title":"A PC opened a fake website made to look like a real one to steal passwords"}]},{"id":"delivery","title":"Getting a harmful program onto a PC","total":0,"events":[{"id":"malware-site","count":0,"severity":"high","title":"A PC visited a website that spreads viruses, or downloaded something from one"}]},{"id":"exploitation","title":"Using a weak spot to make a PC or server do the attacker'"'"'s bidding","total":0,"events":[{"id":"abnormal-process","count":0,"severity":"high","title":"A program on a PC or server behaved as if an attacker were misusing it"}]},{"id":"command-and-control","title":"An infected PC taking orders from criminals outside","total":0,"events":[{"id":"c2-known","count":0,"severity":"high","title":"A PC in your office talked to a server that criminals use to control infected PCs"},{"id":"c2-dga","count":0,"severity":"high","title":"A PC looked up many made-up web addresses one after another (the way some viruses search for the server that controls them)"}]},{"id":"actions-on-objectives","title":"The damage itself: data stolen, a break-in, or the business knocked offline","total":0,"events":[{"id":"dns-tunneling","count":0,"severity":"high","title":"Data may have been smuggled out hidden inside ordinary look-ups of web addresses (DNS)"},{"id":"login-bruteforce-success","count":0,"severity":"high","title":"Someone may have got in, for example by guessing a password"},{"id":"syn-flood","count":0,"severity":"medium","title":"Someone flooded your internet line or server with traffic to make it stop working"}]}]}'

# An event no longer in the catalog counts as unclassified.
sql "INSERT INTO alert_count(company_id, period_start, period_end, event, count) VALUES (1, '2020-10-05', '2020-10-05', 'retired-event', 3)"
otasuke alerts summary $P --format json
expect_grep '"total":83,"unclassified":9,'
sql "DELETE FROM alert_count WHERE event = 'retired-event'"

# --by company, --top
otasuke alerts summary $P --by company
expect_out "$(cat "$D/company.txt")"
otasuke alerts summary $P --by company --format json
expect_out "$(cat "$D/company.json")"
otasuke alerts summary $P --by company --top 2 --format csv
expect_out "id,name,industry,pcs,alerts,per_pc
2,A2,E,20,34,1.7
3,A3,E,30,26,0.9"
otasuke alerts summary $P --by company --company B2 --format csv
expect_out "id,name,industry,pcs,alerts,per_pc
5,B2,G,,7,"

# --by industry; next to one company only for groups of peers.min
otasuke alerts summary $P --by industry
expect_out "$(cat "$D/industry.txt")"
otasuke alerts summary $P --by industry --format json
expect_out "$(cat "$D/industry.json")"
otasuke alerts summary $P --by industry --company A1 --format json
expect_out '{"from":"2020-10-01","to":"2020-10-31","company":{"id":1,"name":"A1","industry":"E"},"alerts":12,"per_pc":1.2,"industries":[],"suppressed":["E"],"min_companies":5}'
otasuke alerts summary $P --by industry --company A1
expect_out "Alerts by industry, 2020-10-01 to 2020-10-31, A1
A1: 12 alerts, 1.2 per PC
industry E has only 3 companies: its figures are not shown next to one company (at least 5 needed)"
otasuke config set peers.min 3
otasuke alerts summary $P --by industry --company A1 --format json
expect_out '{"from":"2020-10-01","to":"2020-10-31","company":{"id":1,"name":"A1","industry":"E"},"alerts":12,"per_pc":1.2,"industries":[{"id":"E","name":"Manufacturing","companies":3,"pcs":60,"alerts":72,"per_pc":1.2}],"suppressed":[],"min_companies":3}'
otasuke alerts summary $P --by industry --company C1 --format json
expect_out '{"from":"2020-10-01","to":"2020-10-31","company":{"id":6,"name":"C1","industry":"E"},"alerts":null,"per_pc":null,"industries":[{"id":"E","name":"Manufacturing","companies":3,"pcs":60,"alerts":72,"per_pc":1.2}],"suppressed":[],"min_companies":3}'

# --stats
otasuke alerts summary $P --stats --format json
expect_out '{"from":"2020-10-01","to":"2020-10-31","n":4,"pearson":0.82,"spearman":0.8}'
otasuke alerts summary $P --stats
expect_out "Correlation of PCs and alerts, 2020-10-01 to 2020-10-31
companies (with a known PC count): 4
Pearson r = 0.82
Spearman rho = 0.80"
otasuke alerts summary $P --stats --format csv
expect_out "n,pearson,spearman
4,0.82,0.80"
otasuke alerts summary --from 2021-01-01 --stats --format json
expect_out '{"from":"2021-01-01","to":null,"n":4,"pearson":null,"spearman":null}'
expect_rc 0 "no spread: null"

# --by device: source addresses named from the assets
otasuke alerts summary $P --by device --company A1
expect_out "$(cat "$D/device.txt")"
otasuke alerts summary $P --by device --company A1 --format csv
expect_out "$(cat "$D/device.csv")"
otasuke alerts summary $P --by device --company A1 --format json
expect_out '{"from":"2020-10-01","to":"2020-10-31","company":{"id":1,"name":"A1","industry":"E"},"devices":[{"src_ip":"","hostname":null,"owner":null,"event":"port-scan","count":10},{"src_ip":"192.168.0.10","hostname":"pc-sato","owner":"Sato","event":"c2-known","count":2}]}'

# xlsx: every table and its charts
otasuke alerts summary $P -o "$T/alerts.xlsx"
expect_rc 0 "xlsx"
expect_err "wrote $T/alerts.xlsx"
if command -v unzip >/dev/null; then
	unzip -l "$T/alerts.xlsx" >"$T/list"
	expect_grep 'xl/worksheets/sheet3.xml' "$T/list"
	expect_grep 'xl/charts/chart4.xml' "$T/list"
	unzip -p "$T/alerts.xlsx" 'xl/charts/*.xml' >"$T/charts"
	expect_grep 'n = 4, Pearson r = 0.82, Spearman rho = 0.80' "$T/charts"
fi
otasuke alerts summary --format xlsx
expect_rc 64 "xlsx without -o"
expect_grep "--format xlsx needs -o FILE.xlsx" "$T/err"
otasuke alerts summary $P -o "$T/none/alerts.xlsx"
expect_rc 73 "xlsx in a missing folder"
otasuke alerts summary $P --format json -o "$T/s.json"
expect_rc 0 "json to a file"
if cmp -s "$T/s.json" "$D/event.json"; then pass; else fail "-o s.json differs"; fi

# Usage errors.
otasuke alerts summary --from 2020-13-01
expect_rc 64 "bad --from"
expect_grep "--from must be a date YYYY-MM-DD, not '2020-13-01'" "$T/err"
otasuke alerts summary --to 31/10/2020
expect_rc 64 "bad --to"
otasuke alerts summary --from 2020-11-01 --to 2020-10-01
expect_rc 64 "from after to"
expect_grep "--from 2020-11-01 is after --to 2020-10-01" "$T/err"
otasuke alerts summary --by region
expect_rc 64 "bad --by"
expect_grep "unknown --by 'region' (use event, company, industry or device)" "$T/err"
otasuke alerts summary --by company --stats
expect_rc 64 "--by and --stats"
otasuke alerts summary --stats --mismatch
expect_rc 64 "--stats and --mismatch"
otasuke alerts summary --stats --company A1
expect_rc 64 "--stats with --company"
otasuke alerts summary --by device
expect_rc 64 "device without company"
expect_grep "'--by device' needs --company C" "$T/err"
otasuke alerts summary --top -1 --by company
expect_rc 64 "bad --top"
otasuke alerts summary --format yaml
expect_rc 64 "bad format"
otasuke alerts summary extra
expect_rc 64 "operand"
otasuke alerts summary --company Nobody
expect_rc 65 "unknown company"
expect_err "otasuke: no company 'Nobody'; 'otasuke company list' shows them"
otasuke alerts summary --encoding cp932
expect_rc 64 "option of import"
expect_grep "'alerts summary' does not take '--encoding'" "$T/err"

done_testing
