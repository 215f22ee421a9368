# incident add, list and close; every bad input refused, nothing stored.
. "$SRC/tests/lib.sh"

otasuke init
otasuke company add Alpha --industry E
otasuke company add Beta --industry G

otasuke incident add Alpha --severity high --title "PC infected" \
	--detail "found by the sensor" --action "Unplug the PC" --date 2020-10-05
expect_rc 0 "add"
expect_out 1
otasuke incident add 2 --severity low --title "Port scan"
expect_out 2
otasuke incident add Alpha --severity medium --title "日本語の件名" --detail "$(printf 'line 1\nline 2')"
expect_out 3
expect_sql "SELECT company_id, date, severity, title, detail, action, closed_at IS NULL FROM incident ORDER BY id" \
"1|2020-10-05|high|PC infected|found by the sensor|Unplug the PC|1
2|2025-11-25|low|Port scan|||1
1|2025-11-25|medium|日本語の件名|line 1
line 2||1"

otasuke incident list
expect_rc 0 "list"
expect_out "id  date        company  severity  title         state
 3  2025-11-25  Alpha    medium    日本語の件名  open
 2  2025-11-25  Beta     low       Port scan     open
 1  2020-10-05  Alpha    high      PC infected   open"

otasuke incident close 1 --note "reinstalled"
expect_rc 0 "close"
expect_err "closed incident 1"
expect_sql "SELECT closed_at, note FROM incident WHERE id = 1" "2025-11-25T00:00:00Z|reinstalled"

otasuke incident list Alpha --open
expect_out "id  date        company  severity  title         state
 3  2025-11-25  Alpha    medium    日本語の件名  open"
otasuke incident list Alpha --format csv
expect_out 'id,date,company_id,company,severity,title,closed_at,action,detail,note
3,2025-11-25,1,Alpha,medium,日本語の件名,,,"line 1
line 2",
1,2020-10-05,1,Alpha,high,PC infected,2025-11-25T00:00:00Z,Unplug the PC,found by the sensor,reinstalled'
otasuke incident list Beta --format json
expect_out '[{"id":2,"date":"2025-11-25","company_id":2,"company":"Beta","severity":"low","title":"Port scan","closed_at":null,"action":null,"detail":null,"note":null}]'
otasuke --lang ja incident list 1
expect_out "id  日付        会社名  重大度  内容          状態
 3  2025-11-25  Alpha   中      日本語の件名  対応中
 1  2020-10-05  Alpha   高      PC infected   完了 2025-11-25"

# Errors: nothing stored or changed.
n="SELECT count(*), count(closed_at) FROM incident"
otasuke incident close 1
expect_rc 65 "closed twice"
expect_err "otasuke: incident 1 was closed already, on 2025-11-25"
otasuke incident close 9
expect_rc 65 "no such incident"
expect_err "otasuke: no incident 9; 'otasuke incident list' shows them"
otasuke incident close x1
expect_rc 64 "bad id"
expect_grep "ID must be an incident number, not 'x1'" "$T/err"
otasuke incident close
expect_rc 64 "no id"
otasuke incident close 2 --note "$(printf 'a\001b')"
expect_rc 65 "control character in the note"
expect_err "otasuke: the note holds a control character"
otasuke incident add Ghost --severity low --title x
expect_rc 65 "unknown company"
expect_err "otasuke: no company 'Ghost'; 'otasuke company list' shows them"
otasuke incident add Alpha --severity huge --title x
expect_rc 64 "bad severity"
expect_grep "severity must be high, medium or low, not 'huge'" "$T/err"
otasuke incident add Alpha --title x
expect_rc 64 "no severity"
expect_grep "'incident add' needs --severity and --title" "$T/err"
otasuke incident add Alpha --severity low
expect_rc 64 "no title"
otasuke incident add --severity low --title x
expect_rc 64 "no company"
otasuke incident add Alpha --severity low --title x --date 2020-02-30
expect_rc 64 "bad date"
expect_grep "date must be a date YYYY-MM-DD, not '2020-02-30'" "$T/err"
otasuke incident add Alpha --severity low --title ""
expect_rc 65 "empty title"
expect_err "otasuke: the title is empty"
otasuke incident add Alpha --severity low --title "$(printf 'a\nb')"
expect_rc 65 "two-line title"
expect_err "otasuke: the title holds a control character; keep it to one line"
otasuke incident add Alpha --severity low --title "$(printf '%0201d' 0)"
expect_rc 65 "long title"
expect_err "otasuke: the title is longer than 200 characters"
otasuke incident add Alpha --severity low --title "$(printf 'bad \377')"
expect_rc 65 "bad UTF-8"
expect_err "otasuke: the title is not valid UTF-8"
otasuke incident list Ghost
expect_rc 65 "list: unknown company"
otasuke incident list Alpha Beta
expect_rc 64 "list: two companies"
otasuke incident list --format xml
expect_rc 64 "list: bad format"
otasuke incident add Alpha --severity low --title x --open
expect_rc 64 "option of another subcommand"
expect_grep "'incident add' does not take '--open'" "$T/err"
otasuke incident frob
expect_rc 64 "unknown subcommand"
expect_sql "$n" "3|1"

otasuke incident --help
expect_rc 0 "help"
expect_grep '^usage: otasuke incident'

done_testing
