# survey answer from a pipe: one answer a line, skip logic, going back,
# quitting early, bad lines, --company and --event.
. "$SRC/tests/lib.sh"

# answer ARGS... <<LINES: run survey answer with stdin from the here-doc.
answer() {
	"$OTASUKE" survey answer "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

otasuke init
otasuke company add "山田製作所" --industry E --employees 12

answer --company 山田製作所 --event seminar-2 <<'EOF'
E
6-20
combined
antivirus;backups;other:UTM を検討中
yes
yes
no-staff;2
price
upto-50k
no
yes
business-stop
no
no
no
EOF
expect_rc 0 "a full response"
expect_grep "^Response 1 saved (15 questions answered).$"
expect_sql "SELECT company_id || ' ' || event FROM survey_response" "1 seminar-2"
expect_sql "SELECT group_concat(choice || '=' || ifnull(value, ''), ';') FROM survey_answer WHERE question = 'measures'" "antivirus=;backups=;other=UTM を検討中"
expect_sql "SELECT group_concat(choice, ';') FROM survey_answer WHERE question = 'challenges'" "no-budget;no-staff"
expect_sql "SELECT count(*) FROM survey_answer WHERE question IN ('insurance_price', 'telework_challenges', 'telework_worries')" 0

# Going back and changing has_challenges to no drops the challenges given.
answer --event seminar-2 <<'EOF'
G
1-5
none
none
no
yes
no-time
b
b
no
support
unknown
unknown
no
money
unknown
yes
not-high
yes
1;3

EOF
expect_rc 0 "back and change"
expect_grep "^Response 2 saved (16 questions answered).$"
expect_sql "SELECT count(*) FROM survey_answer WHERE response_id = 2 AND question = 'challenges'" 0
expect_sql "SELECT group_concat(choice, ';') FROM survey_answer WHERE response_id = 2 AND question = 'telework_challenges'" "devices;paper"
expect_sql "SELECT value FROM survey_answer WHERE response_id = 2 AND question = 'insurance_price'" "not-high"

# Quitting early keeps what was given.
answer <<'EOF'
I
q
EOF
expect_rc 0 "quit early"
expect_grep "Stopped. The 1 answer given so far is saved as response 3." "$T/err"
expect_sql "SELECT count(*) FROM survey_answer WHERE response_id = 3" 1

# Nothing given: no response.
answer </dev/null
expect_rc 0 "no answers"
expect_sql "SELECT count(*) FROM survey_response" 3

# A bad line: exit 65 with the line number; earlier answers are kept.
answer <<'EOF'
E
99
EOF
expect_rc 65 "bad line"
expect_grep "^otasuke: <stdin>:2: " "$T/err"
expect_sql "SELECT count(*) FROM survey_response" 4
expect_sql "SELECT count(*) FROM survey_answer WHERE response_id = 4" 1

# Unknown company or set: nothing stored.
answer --company nobody </dev/null
expect_rc 65 "unknown company"
expect_err "otasuke: no company 'nobody'; 'otasuke company list' shows them"
answer --set diag-office </dev/null
expect_rc 65 "a diagnosis set"
answer extra </dev/null
expect_rc 64 "operand"
expect_sql "SELECT count(*) FROM survey_response" 4

# The text of "other" runs to the end of the line, ';' included, as in
# survey import; notes are not kept for a survey, and 'n' says so.
answer --event seminar-3 <<'EOF'
n a remark
D
1-5
none
antivirus;other:UTM; VPN
q
EOF
expect_rc 0 "other text with ';'"
expect_grep "^1/14 industry: notes are not kept for this questionnaire$"
expect_sql "SELECT value FROM survey_answer WHERE question = 'measures'
	AND choice = 'other' AND response_id = 5" "UTM; VPN"

# Labels answer as the ids do (as in survey import), in either language.
answer --event seminar-4 <<'EOF'
製造業
６〜２０人
No one
ウイルス対策ソフト;データのバックアップ
q
EOF
expect_rc 0 "labels"
expect_grep "^1/14 industry: E$"
expect_grep "^2/14 employees: 6-20$"
expect_grep "^3/14 it_staff: none$"
expect_grep "^4/14 measures: antivirus;backups$"

# The tally sees the answers.
otasuke survey tally --event seminar-2 --format json
expect_grep '"responses":2,'

done_testing
