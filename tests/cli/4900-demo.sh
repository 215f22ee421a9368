# otasuke demo: a new database, every report, reproducible, refuses a used one.
. "$SRC/tests/lib.sh"

otasuke demo -o d -n 30 --seed 7
expect_rc 0 demo
expect_grep "demo: 30 sample companies" "$T/err"
expect_sql "SELECT count(*) FROM company" 30
expect_sql "SELECT count(*) FROM company WHERE name NOT LIKE '（見本）%'" 0
expect_sql "SELECT count(*) FROM survey_response" 90
expect_sql "SELECT count(*) > 0 FROM alert_count" 1
expect_sql "SELECT count(*) > 0 FROM incident" 1
expect_sql "SELECT count(DISTINCT company_id) FROM assessment WHERE completed_at IS NOT NULL" 29
n=$(ls d/sheets/*.pdf | wc -l)
[ "$n" -eq 30 ] && pass || fail "$n sheets, expected 30"
expect_grep ",ok," d/sheets/index.csv
expect_no_grep ",failed," d/sheets/index.csv
for f in survey.pdf survey.xlsx survey-by-industry.xlsx region.pdf region.xlsx alerts-by-stage.xlsx; do
	[ -s "d/$f" ] && pass || fail "no $f"
done
pdfinfo d/sheets/1-*.pdf | grep -q "^Pages:" && pass || fail "sheet 1 is not a PDF"

# Same seed, same database content and byte-identical sheets.
OTASUKE_DB=$T/again.db "$OTASUKE" demo -o again -n 30 --seed 7 2>/dev/null
cmp -s d/sheets/index.csv again/sheets/index.csv && pass || fail "index differs"
cmp -s "$(ls d/sheets/1-*.pdf)" "$(ls again/sheets/1-*.pdf)" && pass || fail "sheet 1 differs"
a=$(sqlite3 "$OTASUKE_DB" "SELECT group_concat(option) FROM answer")
b=$(sqlite3 "$T/again.db" "SELECT group_concat(option) FROM answer")
[ "$a" = "$b" ] && pass || fail "answers differ"

# A database that holds companies is never filled with samples.
otasuke demo -o d2
expect_rc 65 "used database"
expect_err "otasuke: the demo needs a new database, and '$OTASUKE_DB' has 30 companies; name another file with --db"
expect_sql "SELECT count(*) FROM company" 30

otasuke demo -n 0
expect_rc 64 "-n 0"
done_testing
