# survey import of sheets as office staff make them in Excel or export them
# from a web form: question texts as column headers, a time stamp column,
# head counts typed as numbers, ranges Excel turned into dates ("1-5" ->
# "1月5日"), several choices in one cell on separate lines (Alt+Enter) or
# separated by Japanese commas.
. "$SRC/tests/lib.sh"

otasuke init

# Headers: the question text (ja or en, any width), "タイムスタンプ".
printf '%s\r\n' \
	'タイムスタンプ,貴社の業種を教えてください。,従業員は何人ですか？（パート・アルバイトを含みます）,Which security measures do you have in place? Choose all that apply.' \
	'2025/11/05 10:23:45,製造業,12,"ウイルス対策ソフト' \
	'データのバックアップ"' \
	'2025/11/05 10:24:01,E,1月5日,ウイルス対策ソフト、データのバックアップ、その他:USBの持ち出し禁止' \
	'2025/11/05 10:25:13,I,６月２０日,"ファイアウォール（外からの不正な通信を止める機器や機能）, パスワードの決まり"' \
	'2025/11/05 10:26:00,I,301,特にない' \
	'2025/11/05 10:27:00,D,３０人,updates' >form.csv
otasuke survey import form.csv
expect_rc 0 "web form export"
expect_sql "SELECT group_concat(value, ' ') FROM (SELECT value FROM
	survey_answer WHERE question = 'employees' ORDER BY response_id)" \
	"6-20 1-5 6-20 301+ 21-50"
expect_sql "SELECT group_concat(choice, ';') FROM survey_answer
	WHERE question = 'measures' AND response_id = 1" "antivirus;backups"
expect_sql "SELECT group_concat(choice || '=' || ifnull(value, ''), ';')
	FROM survey_answer WHERE question = 'measures' AND response_id = 2" \
	"antivirus=;backups=;other=USBの持ち出し禁止"
expect_sql "SELECT group_concat(choice, ';') FROM survey_answer
	WHERE question = 'measures' AND response_id = 3" \
	"firewall;password-rules"
expect_sql "SELECT submitted_at FROM survey_response WHERE id = 1" \
	"2025-11-05T10:23:45"

# Dates as Japanese Excel shows them; a day that does not exist is an error.
printf 'submitted_at,industry\n2025年11月5日,E\n2025年1月6日 9:05,G\n' >dates.csv
otasuke survey import dates.csv
expect_rc 0 "Japanese dates"
expect_sql "SELECT group_concat(submitted_at, ' ') FROM (SELECT submitted_at
	FROM survey_response WHERE id > 5 ORDER BY id)" \
	"2025-11-05 2025-01-06T09:05:00"
printf 'submitted_at,industry\n2025-02-29,E\n2024/2/29,E\n2025-04-31,E\n' >baddate.csv
otasuke survey import baddate.csv
expect_rc 65 "no such day"
expect_err "otasuke: baddate.csv:2:submitted_at: '2025-02-29' is not a date; use YYYY-MM-DD or YYYY/MM/DD, optionally with a time HH:MM[:SS]
otasuke: baddate.csv:4:submitted_at: '2025-04-31' is not a date; use YYYY-MM-DD or YYYY/MM/DD, optionally with a time HH:MM[:SS]
otasuke: baddate.csv: 2 errors, nothing was changed"

# A line break inside a cell or a header (Alt+Enter) never splits an error
# message over two lines.
printf 'industry,it_staff\nE,"foo\nbar"\n' >nl.csv
otasuke survey import nl.csv
expect_rc 65 "line break in a bad cell"
expect_err "otasuke: nl.csv:2:it_staff: unknown choice 'foo bar'; use a choice id (dedicated, combined, none) or its label"
printf 'industry,"it\r\nstaffx"\nE,none\n' >nl.csv
otasuke survey import nl.csv
expect_rc 65 "line break in a bad header"
expect_err "otasuke: nl.csv:1:it  staffx: no question 'it  staffx' in set 'survey-seminar'; columns are question ids (see 'otasuke questions show survey-seminar'), respondent, company and submitted_at"

# Free text over two lines (Alt+Enter) is listed on one line by the tally.
printf 'industry,measures\nE,"その他:一行目\n二行目"\n' >ml.csv
otasuke survey import ml.csv --event two-lines
expect_rc 0 "other text on two lines"
otasuke survey tally --event two-lines
expect_grep "^    - 一行目 二行目$"

# Long Japanese cells in messages: cut between characters.
{ printf 'submitted_at,industry\n'
  for i in $(seq 1 100); do printf 'あ'; done; printf ',E\n'; } >long.csv
otasuke survey import long.csv
expect_rc 65 "long date cell"
expect_lines 1
if iconv -f UTF-8 -t UTF-8 "$T/err" >/dev/null 2>&1; then pass; else
	fail "the message is not valid UTF-8"; fi

# Still errors: a number that is no head count, a text that is no label.
printf 'employees,measures\n-3,\n,ウイルス、対策\n' >bad.csv
otasuke survey import bad.csv
expect_rc 65 "bad cells"
expect_err "otasuke: bad.csv:2:employees: unknown choice '-3'; use a choice id (1-5, 6-20, 21-50, 51-100, 101-300, 301+) or its label
otasuke: bad.csv:3:measures: unknown choice 'ウイルス、対策'; use a choice id (antivirus, firewall, utm, backups, updates, password-rules, sharing, staff-training, written-rules, monitoring, insurance, none, other) or its label
otasuke: bad.csv: 2 errors, nothing was changed"
expect_sql "SELECT count(*) FROM survey_response" 8
done_testing
