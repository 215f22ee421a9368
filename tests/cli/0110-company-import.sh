# company import: UTF-8, BOM, CP932, --update, and every bad input of the
# foundation issue: one clear line, exit code, nothing stored.
. "$SRC/tests/lib.sh"
H='name,industry,employees,pcs,region,contact'

otasuke init
otasuke company import "$DATA/company/good.csv"
expect_rc 0 "good import"
expect_grep "4 companies added, 0 updated (utf-8)" "$T/err"
expect_sql "SELECT name FROM company WHERE id = 3" "O'Brien; DROP TABLE company; --"
expect_sql "SELECT contact FROM company WHERE id = 3" 'say "hi"'
expect_sql "SELECT industry FROM company WHERE name = 'さくら会計事務所'" L
expect_sql "SELECT hex(contact) FROM company WHERE id = 4" "$(printf 'line1\nline2' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"

otasuke company import "$DATA/company/cp932.csv"
expect_rc 0 "cp932 import"
expect_grep "(cp932)" "$T/err"
expect_sql "SELECT name || ',' || industry || ',' || contact FROM company WHERE id = 5" "株式会社①テスト,E,ﾀﾅｶ"
expect_sql "SELECT industry FROM company WHERE name = '髙橋商店'" I

printf '\357\273\277%s\nBOM社,G,1,1,,\n' "$H" >bom.csv
otasuke company import bom.csv
expect_rc 0 "BOM"
expect_sql "SELECT count(*) FROM company WHERE name = 'BOM社'" 1

printf '%s\r\n改行社,E,1,1,,"一行目\r\n二行目"\r\n' "$H" >crlf.csv
otasuke company import crlf.csv
expect_rc 0 "CRLF inside quotes"
expect_sql "SELECT length(contact) FROM company WHERE name = '改行社'" 8
printf '%s\n"改\n行社",E,1,1,,\n' "$H" >nlname.csv
otasuke company import nlname.csv
expect_rc 65 "newline in a name"
expect_err "otasuke: nlname.csv:2: field 1 (column A): the company name has a control character; remove it"

printf 'Name , Industry,EMPLOYEES,extra\n大文字社,E,3,x\n' >case.csv
otasuke company import case.csv
expect_rc 0 "header case and unknown column"
expect_err "otasuke: warning: case.csv: ignored unknown columns 'extra'
case.csv: 1 companies added, 0 updated (utf-8)"

N=$(sql "SELECT count(*) FROM company")

# Re-import without --update: every row is a duplicate, nothing changes.
otasuke company import "$DATA/company/good.csv"
expect_rc 65 "duplicates"
expect_grep "good.csv:2: field 1 (column A): a company named '山田製作所' already exists; add --update to change it" "$T/err"
expect_grep "good.csv: 4 errors, nothing was changed" "$T/err"
printf '%s\n山田製作所,E,99,1,,\n' "$H" >upd.csv
otasuke company import --update upd.csv
expect_rc 0 "--update"
expect_sql "SELECT employees FROM company WHERE name = '山田製作所'" 99

# check_bad FILE CODE MESSAGE: one line, the code, nothing stored.
check_bad() {
	otasuke company import "$1"
	expect_rc "$2" "$1"
	expect_err "$3"
	expect_sql "SELECT count(*) FROM company" "$N"
	expect_sql "SELECT employees FROM company WHERE name = '山田製作所'" 99
}

check_bad missing.csv 66 "otasuke: cannot open 'missing.csv': No such file or directory"
mkdir adir
check_bad adir 66 "otasuke: 'adir' is a directory, not a file"
: >empty.csv
check_bad empty.csv 65 "otasuke: empty.csv: the file is empty; expected a header row: name,industry,employees,pcs,region,contact"
printf '%s\n' "$H" >header.csv
check_bad header.csv 65 "otasuke: header.csv: no companies after the header row"
printf '%s\nA社,E,1,1,x,y,z\n' "$H" >many.csv
check_bad many.csv 65 "otasuke: many.csv:2: 7 fields, but the header has 6; check the commas and quotes on this line"
printf '%s\nA社,E,1\n' "$H" >few.csv
check_bad few.csv 65 "otasuke: few.csv:2: 3 fields, but the header has 6; check the commas and quotes on this line"
printf '%s\nB社,E,1,1,x,y\n"A社,E,1,1,x,y\n' "$H" >unterm.csv
check_bad unterm.csv 65 "otasuke: unterm.csv:3: field 1 (column A): unterminated quoted field starting here; close the quote"
printf '%s\nA\377社,E,1,1,x,y\n' "$H" >badutf.csv
check_bad badutf.csv 65 "otasuke: badutf.csv:2: field 1 (column A): byte 0xff is neither UTF-8 nor CP932; save the file as UTF-8"
otasuke company import --encoding utf-8 badutf.csv
expect_rc 65 "forced utf-8"
expect_grep "badutf.csv:2: field 1 (column A): invalid UTF-8" "$T/err"
printf '%s\n\203A\203C\377\376,E,1,1,x,y\n' "$H" >badcp.csv
otasuke company import --encoding cp932 badcp.csv
expect_rc 65 "bad cp932"
expect_err "otasuke: badcp.csv:2: field 1 (column A): invalid CP932 byte 0xff; save the file as UTF-8 or choose --encoding utf-8"
printf '%s\nA\000B,E,1,1,x,y\n' "$H" >nul.csv
check_bad nul.csv 65 "otasuke: nul.csv:2: field 1 (column A): NUL byte in the text; save the file as CSV (\"CSV UTF-8\" in Excel)"
printf '%s\nZ社,Z,1,1,x,y\n' "$H" >ind.csv
check_bad ind.csv 65 "otasuke: ind.csv:2: field 2 (column B): unknown industry 'Z'; use a JSIC division letter A-T or its name"
printf '%s\nY社,E,-3,1,x,y\n' "$H" >neg.csv
check_bad neg.csv 65 "otasuke: neg.csv:2: field 3 (column C): employees '-3' is not a whole number of 0 or more"
printf '%s\nX社,E,many,1,x,y\n' "$H" >nan.csv
check_bad nan.csv 65 "otasuke: nan.csv:2: field 3 (column C): employees 'many' is not a whole number of 0 or more"
printf 'name,region\nW社,x\n' >noind.csv
check_bad noind.csv 65 "otasuke: noind.csv:1: the header needs columns 'name' and 'industry' (also employees, pcs, region, contact)"
printf '%s\nV社,E,1,1,x,y\nV社,E,2,2,x,y\n' "$H" >twice.csv
check_bad twice.csv 65 "otasuke: twice.csv:3: field 1 (column A): company 'V社' appears more than once in the file; keep one row"

# Many bad rows: the first 20, a count, a summary.
{ echo "$H"; i=0; while [ $i -lt 25 ]; do echo "社$i,Q9,1,1,,"; i=$((i + 1)); done; } >bad25.csv
otasuke company import bad25.csv
expect_rc 65 "25 bad rows"
expect_lines 22
expect_grep "otasuke: ... and 5 more errors" "$T/err"
expect_grep "otasuke: bad25.csv: 25 errors, nothing was changed" "$T/err"

# A 10 MB field: handled, and refused as a name (too long), quickly.
{ echo "$H"; printf '"'; head -c 10485760 /dev/zero | tr '\0' 'a'; printf '",E,1,1,,\n'; } >big.csv
otasuke company import big.csv
expect_rc 65 "10 MB field"
expect_err "otasuke: big.csv:2: field 1 (column A): the company name is longer than 200 characters"

# A full disk during the import: the transaction is rolled back.
awk -v h="$H" 'BEGIN { print h; for (i = 0; i < 30000; i++) printf "満杯テスト社%d,E,%d,1,東京都千代田区,連絡先 %d\n", i, i, i }' >full.csv
(trap '' XFSZ; ulimit -f 400; "$OTASUKE" company import full.csv >"$T/out" 2>"$T/err"; echo $? >"$T/rc")
rc=$(cat "$T/rc")
expect_rc 74 "disk full"
expect_grep "^otasuke: .*full\|^otasuke: .*disk\|^otasuke: .*I/O" "$T/err"
expect_lines 1
expect_sql "SELECT count(*) FROM company" "$N"
otasuke db check
expect_rc 0 "db intact after full disk"

# A read-only database: refused, nothing changes.
chmod 444 "$OTASUKE_DB"
RUN=
[ "$(id -u)" -eq 0 ] && RUN="setpriv --reuid=65534 --regid=65534 --clear-groups"
chmod 777 "$T"
$RUN "$OTASUKE" company import --update upd.csv >"$T/out" 2>"$T/err"
rc=$?
expect_rc 74 "read-only database"
expect_lines 1
chmod 600 "$OTASUKE_DB"
expect_sql "SELECT count(*) FROM company" "$N"

# Locked by another writer longer than the timeout: exit 75, untouched.
sqlite3 "$OTASUKE_DB" "BEGIN IMMEDIATE; SELECT 1 FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) SELECT count(*) FROM c); COMMIT;" >/dev/null &
locker=$!
sleep 0.3
OTASUKE_BUSY_MS=200 "$OTASUKE" company import --update upd.csv >"$T/out" 2>"$T/err"
rc=$?
kill $locker 2>/dev/null; wait $locker 2>/dev/null
expect_rc 75 "locked"
expect_err "otasuke: database '$OTASUKE_DB' is locked by another otasuke for more than 0 s; try again when it has finished"
expect_sql "SELECT count(*) FROM company" "$N"

done_testing
