# survey import: ids and labels, CP932, re-import and overlapping files,
# and every bad input: one clear line, the exit code, nothing stored.
. "$SRC/tests/lib.sh"
H=respondent,industry,employees,it_staff,measures,av_not_enough,has_challenges,challenges,priority,budget,customer_demand,risk_concern,impact,attacked,insurance_known,insurance_price,telework,telework_challenges,telework_worries
D=r,E,6-20,combined,antivirus,yes,no,,price,upto-50k,no,yes,business-stop,no,no,,no,,

# row COLUMN=VALUE...: the default row D with some cells changed.
row() {
	echo "$D" | awk -F, -v OFS=, -v h="$H" -v sets="$*" '
		BEGIN { n = split(h, hd, ","); m = split(sets, s, " ") }
		{ for (i = 1; i <= m; i++) {
			k = index(s[i], "="); c = substr(s[i], 1, k - 1)
			for (j = 1; j <= n; j++) if (hd[j] == c) $j = substr(s[i], k + 1)
		  } print }'
}

otasuke init
otasuke survey import "$DATA/survey/basic.csv" --event seminar-1
expect_rc 0 "basic import"
expect_err "otasuke: warning: $DATA/survey/basic.csv:7: no answers in this row; skipped
$DATA/survey/basic.csv: 5 responses added, 0 already stored, 1 empty row skipped (utf-8)"
expect_sql "SELECT count(*) FROM survey_response WHERE event = 'seminar-1' AND import_id = 1" 5
expect_sql "SELECT records || ' ' || kind FROM import" "5 survey"
expect_sql "SELECT group_concat(choice, ';') FROM survey_answer WHERE response_id = 1 AND question = 'measures'" "antivirus;backups"
# Labels (ja) and the other text: stored as ids.
expect_sql "SELECT value FROM survey_answer WHERE response_id = 3 AND question = 'employees'" "21-50"
expect_sql "SELECT value FROM survey_answer WHERE response_id = 3 AND question = 'it_staff'" "dedicated"
expect_sql "SELECT value FROM survey_answer WHERE response_id = 3 AND question = 'measures' AND choice = 'other'" "社内ルールの見直し"
expect_sql "SELECT value FROM survey_answer WHERE response_id = 3 AND question = 'priority'" "other:補助金があること"
# Skip logic: nothing stored for questions not asked.
expect_sql "SELECT count(*) FROM survey_answer WHERE response_id = 2 AND question IN ('challenges', 'insurance_price', 'telework_challenges')" 0

# The same file again: noticed by its hash, nothing done, exit 0.
otasuke survey import "$DATA/survey/basic.csv" --event seminar-1
expect_rc 0 "re-import"
expect_err "$DATA/survey/basic.csv: this file was imported on 2025-11-25T00:00:00Z (import 1, 5 responses); nothing to do"
expect_sql "SELECT count(*) FROM survey_response" 5
expect_sql "SELECT count(*) FROM import" 1

# An overlapping file (two rows of basic.csv and a new one, in another
# order): only the new row is added.
{ sed -n 1p "$DATA/survey/basic.csv"; sed -n 4p "$DATA/survey/basic.csv"
  echo "r9,G,1-5,none,none,no,no,,price,unknown,no,no,money,no,no,,no,,"
  sed -n 2p "$DATA/survey/basic.csv"; } >overlap.csv
otasuke survey import overlap.csv --event seminar-1
expect_rc 0 "overlap"
expect_err "overlap.csv: 1 response added, 2 already stored, 0 empty rows skipped (utf-8)"
expect_sql "SELECT count(*) FROM survey_response" 6
# Without an event the same rows are other responses (another seminar).
otasuke survey import overlap.csv
expect_rc 0 "same content, other event"
expect_err "overlap.csv: this file was imported on 2025-11-25T00:00:00Z (import 2, 1 response); nothing to do"

# Identical anonymous rows in one file are separate responses; a second
# file with the same rows and one more adds only the extra one.
R=$(row respondent=)
printf '%s\n%s\n%s\n' "$H" "$R" "$R" >twins.csv
otasuke survey import twins.csv --event twins
expect_rc 0 "twins"
expect_err "twins.csv: 2 responses added, 0 already stored, 0 empty rows skipped (utf-8)"
printf '%s\n%s\n%s\n%s\n' "$H" "$R" "$R" "$R" >triplets.csv
otasuke survey import triplets.csv --event twins
expect_rc 0 "triplets"
expect_err "triplets.csv: 1 response added, 2 already stored, 0 empty rows skipped (utf-8)"
expect_sql "SELECT count(*) FROM survey_response WHERE event = 'twins'" 3

# Japanese labels (full-width forms, 〜, その他：TEXT), UTF-8 and CP932.
iconv -f UTF-8 -t CP932 "$DATA/survey/labels-ja.csv" >cp932.csv
otasuke survey import cp932.csv --event ja
expect_rc 0 "cp932 labels"
expect_err "cp932.csv: 3 responses added, 0 already stored, 0 empty rows skipped (cp932)"
expect_sql "SELECT group_concat(value, ',') FROM survey_answer a JOIN survey_response r ON r.id = a.response_id WHERE r.event = 'ja' AND question = 'employees'" "1-5,21-50,101-300"
expect_sql "SELECT group_concat(value, ',') FROM survey_answer a JOIN survey_response r ON r.id = a.response_id WHERE r.event = 'ja' AND question = 'industry'" "E,I,D"
expect_sql "SELECT value FROM survey_answer a JOIN survey_response r ON r.id = a.response_id WHERE r.event = 'ja' AND question = 'priority' AND respondent = '鈴木'" "other:補助金があること"
expect_sql "SELECT value FROM survey_answer a JOIN survey_response r ON r.id = a.response_id WHERE r.event = 'ja' AND question = 'measures' AND choice = 'other'" "ＵＴＭを検討中"
otasuke survey import "$DATA/survey/labels-ja.csv" --event ja
expect_rc 0 "the UTF-8 original of the CP932 file"
expect_err "$DATA/survey/labels-ja.csv: 0 responses added, 3 already stored, 0 empty rows skipped (utf-8)"

# company, submitted_at, a missing column (one warning), header case.
otasuke company add "山田製作所" --industry E --employees 12
printf 'Company,SUBMITTED_AT,industry,employees\n山田製作所,2020/10/1 9:05,E,6-20\n1,2020-10-02,E,1-5\n' >extra.csv
otasuke survey import extra.csv --event extra
expect_rc 0 "extra columns"
expect_err "otasuke: warning: extra.csv: no column for 'it_staff', 'measures', 'av_not_enough', 'has_challenges', 'challenges', 'priority', 'budget', 'customer_demand', 'risk_concern', 'impact', 'attacked', 'insurance_known', 'insurance_price', 'telework', 'telework_challenges', 'telework_worries'; counted as not answered
extra.csv: 2 responses added, 0 already stored, 0 empty rows skipped (utf-8)"
expect_sql "SELECT group_concat(company_id || ' ' || submitted_at, ',') FROM survey_response WHERE event = 'extra'" "1 2020-10-01T09:05:00,1 2020-10-02"

N=$(sql "SELECT count(*) FROM survey_response")
A=$(sql "SELECT count(*) FROM survey_answer")
I=$(sql "SELECT count(*) FROM import")

# check_bad FILE CODE MESSAGE [OPTIONS]: the exact error, nothing stored.
check_bad() {
	f=$1 code=$2 msg=$3
	shift 3
	otasuke survey import "$f" "$@"
	expect_rc "$code" "$f"
	expect_err "$msg"
	expect_sql "SELECT count(*) FROM survey_response" "$N"
	expect_sql "SELECT count(*) FROM survey_answer" "$A"
	expect_sql "SELECT count(*) FROM import" "$I"
}
# bad NAME CODE MESSAGE ROW...: a file of the header and the rows.
bad() {
	f=$1 code=$2 msg=$3
	shift 3
	{ echo "$H"; for r in "$@"; do echo "$r"; done; } >"$f"
	check_bad "$f" "$code" "$msg"
}

# The CSV itself (as in the foundation issue).
check_bad missing.csv 66 "otasuke: cannot open 'missing.csv': No such file or directory"
mkdir adir
check_bad adir 66 "otasuke: 'adir' is a directory, not a file"
: >empty.csv
check_bad empty.csv 65 "otasuke: empty.csv: the file is empty; expected a header row of question ids (see 'otasuke questions show survey-seminar')"
echo "$H" >header.csv
check_bad header.csv 65 "otasuke: header.csv: no responses after the header row"
printf '%s\n,,,,,,,,,,,,,,,,,,\n' "$H" >blank.csv
otasuke survey import blank.csv
expect_rc 65 "only empty rows"
expect_err "otasuke: blank.csv: no answers in any row; nothing to import"
bad many.csv 65 "otasuke: many.csv:3: 20 fields, but the header has 19; check the commas and quotes on this line" "$D" "$D,x"
bad few.csv 65 "otasuke: few.csv:2: 3 fields, but the header has 19; check the commas and quotes on this line" "r,E,1-5"
bad unterm.csv 65 "otasuke: unterm.csv:3: field 1 (column A): unterminated quoted field starting here; close the quote" "$D" "\"$D"
printf '%s\n%s\n' "$H" "$(row respondent=A\\377B)" | sed 's/\\377/\xff/' >badutf.csv
check_bad badutf.csv 65 "otasuke: badutf.csv:2: field 1 (column A): byte 0xff is neither UTF-8 nor CP932; save the file as UTF-8"
check_bad badutf.csv 65 "otasuke: badutf.csv:2: field 1 (column A): invalid UTF-8 byte 0xff; save the file as UTF-8 or choose --encoding cp932" --encoding utf-8
printf '%s\n\203A\203C\377\376%s\n' "$H" "$D" >badcp.csv
check_bad badcp.csv 65 "otasuke: badcp.csv:2: field 1 (column A): invalid CP932 byte 0xff; save the file as UTF-8 or choose --encoding utf-8" --encoding cp932
printf '%s\nA\000B%s\n' "$H" "$D" >nul.csv
check_bad nul.csv 65 "otasuke: nul.csv:2: field 1 (column A): NUL byte in the text; save the file as CSV (\"CSV UTF-8\" in Excel)"
{ echo "$H"; printf 'r,E,1-5,none,"other:'; head -c 10485760 /dev/zero | tr '\0' 'a'; printf '",yes,no,,price,unknown,no,no,money,no,no,,no,,\n'; } >big.csv
check_bad big.csv 65 "otasuke: big.csv:2: field 5 (column E): quoted field starting here is longer than 65536 bytes; is a closing quote missing?"

# The answers.
bad choice.csv 65 "otasuke: choice.csv:2:it_staff: unknown choice 'sometimes'; use a choice id (dedicated, combined, none) or its label" "$(row it_staff=sometimes)"
bad two.csv 65 "otasuke: two.csv:2:budget: 2 choices given ('upto-50k', 'unknown'); this question takes one" "$(row 'budget=upto-50k;わからない')"
bad when.csv 65 "otasuke: when.csv:2:challenges: answered, but the question is asked only when 'has_challenges' is 'yes'; clear the cell or correct 'has_challenges'" "$(row has_challenges=no challenges=no-time)"
bad when2.csv 65 "otasuke: when2.csv:2:insurance_price: answered, but the question is asked only when 'insurance_known' is 'yes'; clear the cell or correct 'insurance_known'" "$(row insurance_known= insurance_price=high)"
bad othertext.csv 65 "otasuke: othertext.csv:2:impact: unknown choice 'secret:x'; use a choice id (business-stop, customer-trust, compensation, customer-data, secrets, money, partners, recovery-cost, other) or its label" "$(row impact=secret:x)"
{ echo "$H" | sed 's/^respondent/company/'; row respondent=nobody; } >company.csv
check_bad company.csv 65 "otasuke: company.csv:2:company: no company 'nobody'; 'otasuke company list' shows them"
printf 'industry,submitted_at\nE,yesterday\n' >date.csv
check_bad date.csv 65 "otasuke: date.csv:2:submitted_at: 'yesterday' is not a date; use YYYY-MM-DD or YYYY/MM/DD, optionally with a time HH:MM[:SS]"

# The header.
printf 'industry,colour\nE,red\n' >unknown.csv
check_bad unknown.csv 65 "otasuke: unknown.csv:1:colour: no question 'colour' in set 'survey-seminar'; columns are question ids (see 'otasuke questions show survey-seminar'), respondent, company and submitted_at"
printf 'industry,budget,Industry\nE,unknown,E\n' >dup.csv
check_bad dup.csv 65 "otasuke: dup.csv:1:industry: column appears twice (fields 1 and 3); remove one"

# Many bad rows: all found, the first 20 shown, then a count.
{ echo "$H"; i=0; while [ $i -lt 25 ]; do row it_staff=x$i; i=$((i + 1)); done; } >bad25.csv
otasuke survey import bad25.csv
expect_rc 65 "25 bad rows"
expect_lines 22
expect_grep "otasuke: ... and 5 more errors" "$T/err"
expect_grep "otasuke: bad25.csv: 25 errors, nothing was changed" "$T/err"

# A full disk during the import: rolled back, the database intact.
{ echo "$H"; awk -v d="$D" 'BEGIN { for (i = 0; i < 3000; i++) print "p" i substr(d, 2) }'; } >full.csv
(trap '' XFSZ; ulimit -f 400; "$OTASUKE" survey import full.csv >"$T/out" 2>"$T/err"; echo $? >"$T/rc")
rc=$(cat "$T/rc")
expect_rc 74 "disk full"
expect_lines 1
expect_grep "^otasuke: .*disk I/O error" "$T/err"
expect_sql "SELECT count(*) FROM survey_response" "$N"
expect_sql "SELECT count(*) FROM import" "$I"
otasuke db check
expect_rc 0 "db intact after full disk"

# Usage.
otasuke survey import
expect_rc 64 "no file"
otasuke survey import a.csv --encoding ebcdic
expect_rc 64 "bad encoding"
otasuke survey import basic.csv --set diag-office
expect_rc 65 "a diagnosis set"
expect_err "otasuke: set 'diag-office' is a diagnosis, not a survey; 'otasuke questions list' shows the sets"
otasuke survey import basic.csv --set nosuch
expect_rc 65 "no such set"
expect_sql "SELECT count(*) FROM survey_response" "$N"

# From standard input.
row respondent=stdin | sed "1i $H" | "$OTASUKE" survey import - --event stdin >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "stdin"
expect_err "-: 1 response added, 0 already stored, 0 empty rows skipped (utf-8)"
row respondent=stdin | sed "1i $H" | "$OTASUKE" survey import - --event stdin >"$T/out" 2>"$T/err"
expect_grep "this file was imported" "$T/err"

done_testing
