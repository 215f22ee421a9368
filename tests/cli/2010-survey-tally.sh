# survey tally: counts and percentages after skip logic, other texts, the
# base in the text output, JSON/CSV, --by with small-group suppression,
# --event, and the workbook (sheets, numbers, charts).
. "$SRC/tests/lib.sh"

# json_q ID: the JSON object of question ID in $T/out (one line each).
json_q() {
	sed 's/"questions":\[{"id":"/\n{"id":"/g; s/\]},{"id":"/]}\n{"id":"/g' \
		"$T/out" | grep "^{\"id\":\"$1\",\"type\""
}
# expect_q ID JSON: question ID's object starts with JSON.
expect_q() {
	got=$(json_q "$1" | head -c ${#2})
	if [ "$got" = "$2" ]; then pass; else fail "question $1: '$got', expected '$2'"; fi
}

otasuke init
otasuke survey tally
expect_rc 0 "no responses yet"
expect_grep "^Seminar questionnaire (survey-seminar version 1): 0 responses$"
expect_grep "^  asked 0, answered 0, no answer 0; percent of the 0 who answered$"

otasuke survey import "$DATA/survey/basic.csv" --event seminar-1

otasuke survey tally --format json
expect_rc 0 "json"
expect_grep '^{"set":"survey-seminar","version":1,"event":null,"responses":5,"dropped":0,"questions":\[{"id":"industry",'
expect_q industry '{"id":"industry","type":"single","asked":5,"answered":5,"no_answer":0,"choices":[{"id":"A","count":0,"percent":0.0},'
json_q industry | grep -q '{"id":"E","count":3,"percent":60.0},{"id":"F","count":0,"percent":0.0},{"id":"G","count":1,"percent":20.0}' && pass || fail "industry E/G"
# multi: the base is who answered; columns add up past 100
expect_q challenges '{"id":"challenges","type":"multi","asked":3,"answered":3,"no_answer":0,"choices":[{"id":"no-staff","count":1,"percent":33.3},{"id":"no-budget","count":2,"percent":66.7},{"id":"dont-know-what","count":1,"percent":33.3},'
expect_q insurance_price '{"id":"insurance_price","type":"single","asked":3,"answered":3,"no_answer":0,"choices":[{"id":"high","count":1,"percent":33.3},{"id":"not-high","count":1,"percent":33.3},{"id":"unknown","count":1,"percent":33.3}]}'
expect_q telework_challenges '{"id":"telework_challenges","type":"multi","asked":2,"answered":2,"no_answer":0,"choices":[{"id":"devices","count":1,"percent":50.0},{"id":"connection","count":1,"percent":50.0},'
json_q priority | grep -q '{"id":"other","count":1,"percent":20.0}\],"other":\["補助金があること"\]}' && pass || fail "priority other text"
json_q measures | grep -q '"other":\["社内ルールの見直し"\]' && pass || fail "measures other text"

# Text: the base is said; labels in --lang.
otasuke survey tally
expect_rc 0 "text"
expect_grep "^Percentages are of the respondents who answered each question; for multiple-choice questions they can add up to more than 100.$"
expect_grep "^challenges: What is making it hard? Choose all that apply. (multiple choice)$"
expect_grep "^  asked 3, answered 3, no answer 0; percent of the 3 who answered$"
expect_grep "^  no-budget  *No budget  *2  *66.7$"
expect_grep "^    - 補助金があること$"
otasuke --lang ja survey tally
expect_grep "^  対象 3、回答 3、無回答 0 — 割合は回答した 3 人に対する %$"
expect_grep "^  no-budget  *予算がない  *2  *66.7$"

otasuke survey tally --format csv
expect_rc 0 "csv"
expect_grep "^group,group_n,question,type,asked,answered,no_answer,choice,label,count,percent,mean,median,min,max"
expect_grep "^,5,challenges,multi,3,3,0,no-budget,No budget,2,66.7,,,,"

# --event
otasuke survey import "$DATA/survey/labels-ja.csv" --event ja
otasuke survey tally --event ja --format json
expect_grep '"event":"ja","responses":3,'
otasuke survey tally --format json
expect_grep '"event":null,"responses":8,'

# --by industry: groups below peers.min (5) are only listed.
otasuke survey tally --by industry --format json
expect_rc 0 "by industry"
expect_grep '"by":"industry","min_group":5,"groups":\[\],"suppressed":\["D","E","G","I"\],"ungrouped":0}$'
otasuke survey tally --by industry
expect_grep "^By industry: no group large enough to show$"
expect_grep "^Not shown (fewer than 5 responses): D (n=1), E (n=4), G (n=1), I (n=2)$"
otasuke config set peers.min 2
otasuke survey tally --by industry --format json
expect_grep '"by":"industry","min_group":2,"groups":\[{"id":"E","n":4,"questions":\[{"id":"industry",'
expect_grep '"suppressed":\["D","G"\],"ungrouped":0}$'
sed 's/.*"groups":\[//' "$T/out" | grep -q '^{"id":"E","n":4,.*{"id":"I","n":2,' && pass || fail "groups E and I"
otasuke survey tally --by industry
expect_grep "^By industry: E Manufacturing (n=4), I Wholesale and retail trade (n=2)$"
expect_grep "^Not shown (fewer than 2 responses): D (n=1), G (n=1)$"
expect_grep "^  choice  *label  *all  *E  *I$"
expect_grep "^  *(answered)  *4  *3  *1$"
expect_grep "^  no-budget  *No budget  *75.0 (3)  *100.0 (3)  *0.0 (0)$"

# A linked company's industry and size win over the answers.
otasuke company add "山田製作所" --industry G --employees 250
printf 'company,industry,employees\n山田製作所,E,1-5\n' >linked.csv
otasuke survey import linked.csv --event linked
otasuke survey tally --event linked --by industry --format json
expect_grep '"suppressed":\["G"\],"ungrouped":0}$'
otasuke survey tally --event linked --by size --format json
expect_grep '"by":"size",.*"suppressed":\["101-300"\],"ungrouped":0}$'

# --by a question; a multi question puts a response in several groups.
otasuke config set peers.min 1
otasuke survey tally --event seminar-1 --by measures --format json
expect_rc 0 "by multi"
expect_grep '"groups":\[{"id":"antivirus","n":3,'
expect_grep '{"id":"backups","n":2,'
otasuke survey tally --by telework --format json
expect_grep '"by":"telework",'
otasuke survey tally --by frobs
expect_rc 64 "--by unknown"
expect_grep "no question 'frobs' in set 'survey-seminar' to group by; use industry, size or a question id" "$T/err"

# Usage.
otasuke survey tally --format xml
expect_rc 64 "bad format"
otasuke survey tally --format xlsx
expect_rc 64 "xlsx needs -o"
expect_grep "otasuke: --format xlsx needs -o FILE.xlsx" "$T/err"
otasuke survey tally --set diag-office
expect_rc 65 "diagnosis set"
otasuke survey tally extra
expect_rc 64 "operand"

# -o for text/csv/json writes the file.
otasuke survey tally --format json -o t.json
expect_rc 0 "-o json"
expect_grep '"responses":9,' t.json

# The workbook: a summary sheet, one sheet per question, numbers in cells,
# a chart for each choice question.
otasuke config set peers.min 5
otasuke survey tally --event seminar-1 -o t.xlsx
expect_rc 0 "xlsx"
expect_err "wrote t.xlsx"
unzip -p t.xlsx xl/workbook.xml >wb.xml
expect_grep '<sheet name="Summary" sheetId="1" r:id="rId1"/><sheet name="industry" sheetId="2" r:id="rId2"/><sheet name="employees" sheetId="3" r:id="rId3"/>' wb.xml
expect_grep '<sheet name="telework_worries" sheetId="19" r:id="rId19"/>' wb.xml
n=$(unzip -l t.xlsx | grep -c 'xl/charts/chart[0-9]*\.xml')
[ "$n" -eq 18 ] && pass || fail "$n charts, expected 18"
# industry (sheet 2): E is the 5th choice, row 9: count 3, 60 %
unzip -p t.xlsx xl/worksheets/sheet2.xml >s2.xml
expect_grep '<c r="C9" s="[0-9]*"><v>3</v></c><c r="D9" s="[0-9]*"><v>60</v></c>' s2.xml
# challenges (sheet 8): no-budget, row 6: 2 of 3, 66.7 %
unzip -p t.xlsx xl/worksheets/sheet8.xml >s8.xml
expect_grep '<c r="C6" s="[0-9]*"><v>2</v></c><c r="D6" s="[0-9]*"><v>66.7</v></c>' s8.xml
# the summary: responses, and asked/answered per question
unzip -p t.xlsx xl/worksheets/sheet1.xml >s1.xml
expect_grep '<c r="B4" s="[0-9]*"><v>5</v></c>' s1.xml
# chart kinds: industry (20 choices) columns, it_staff pie, measures bars
unzip -p t.xlsx xl/charts/chart1.xml >c1.xml
expect_grep '<c:barDir val="col"/>' c1.xml
expect_grep '<c:f>industry!\$D\$5:\$D\$24</c:f>' c1.xml
unzip -p t.xlsx xl/charts/chart3.xml >c3.xml
expect_grep '<c:pieChart>' c3.xml
expect_grep '<c:f>it_staff!\$D\$5:\$D\$7</c:f>' c3.xml
unzip -p t.xlsx xl/charts/chart4.xml >c4.xml
expect_grep '<c:barDir val="bar"/>' c4.xml
# Japanese labels with --lang ja
otasuke --lang ja survey tally --event seminar-1 -o ja.xlsx
unzip -p ja.xlsx xl/sharedStrings.xml >ss.xml
expect_grep '予算がない' ss.xml
unzip -p ja.xlsx xl/workbook.xml >wb.xml
expect_grep '<sheet name="集計"' wb.xml

# A cross-tab: clustered bars, one series per shown group and "all".
otasuke config set peers.min 1
otasuke survey tally --event seminar-1 --by industry -o by.xlsx
expect_rc 0 "xlsx by industry"
unzip -p by.xlsx xl/charts/chart4.xml >c4.xml
n=$(grep -o '<c:ser>' c4.xml | wc -l)
[ "$n" -eq 4 ] && pass || fail "$n series, expected 4 (all, E, G, I)"
expect_grep '<c:grouping val="clustered"/>' c4.xml
unzip -p by.xlsx xl/worksheets/sheet8.xml >s8.xml
# challenges, no-budget row 6: all 66.7, E 100 (2 of 2), G nothing asked, I 0
expect_grep '<c r="C6" s="[0-9]*"><v>66.7</v></c><c r="D6" s="[0-9]*"><v>100</v></c><c r="E6" s="[0-9]*"><v>0</v></c><c r="F6" s="[0-9]*"><v>0</v></c>' s8.xml

# Sheet names: at most 31 characters, unique (ignoring case), and the
# charts and links use them.
otasuke questions load "$DATA/survey/long-ids.yaml"
printf 'how_do_you_protect_the_office_network_today,how_do_you_protect_the_office_network_tomorrow,summary\nyes,a;b,3\nno,a,5\n' >li.csv
otasuke survey import li.csv --set long-ids
otasuke survey tally --set long-ids -o li.xlsx
expect_rc 0 "long ids"
unzip -p li.xlsx xl/workbook.xml >wb.xml
expect_grep '<sheet name="Summary" sheetId="1" r:id="rId1"/><sheet name="how_do_you_protect_the_office_n" sheetId="2" r:id="rId2"/><sheet name="how_do_you_protect_the_office~2" sheetId="3" r:id="rId3"/><sheet name="summary~2" sheetId="4" r:id="rId4"/>' wb.xml
unzip -p li.xlsx xl/charts/chart2.xml >c2.xml
expect_grep "<c:f>'how_do_you_protect_the_office~2'!\$D\$5:\$D\$6</c:f>" c2.xml
unzip -p li.xlsx xl/worksheets/sheet1.xml >s1.xml
expect_grep "location=\"'how_do_you_protect_the_office~2'!A1\"" s1.xml
# a number question: its statistics, no chart
unzip -p li.xlsx xl/worksheets/sheet4.xml >s4.xml
expect_grep '<c r="B4"><v>2</v></c>' s4.xml
expect_grep '<c r="B5"><v>4</v></c>' s4.xml
n=$(unzip -l li.xlsx | grep -c 'xl/charts/chart[0-9]*\.xml')
[ "$n" -eq 2 ] && pass || fail "$n charts, expected 2"

# A file that cannot be created: 73, and no half-written file.
otasuke survey tally -o nodir/t.xlsx
expect_rc 73 "cannot create"
expect_err "otasuke: cannot create 'nodir/t.xlsx': No such file or directory"
[ ! -e nodir ] && pass || fail "nodir appeared"
mkdir ro && chmod 555 ro
if [ ! -w ro ]; then
	otasuke survey tally -o ro/t.xlsx
	expect_rc 73 "read-only folder"
	expect_err "otasuke: cannot create 'ro/t.xlsx': Permission denied"
	[ -z "$(ls ro)" ] && pass || fail "files left in ro: $(ls ro)"
fi
chmod 755 ro

# A write that fails half-way (a full disk; here a file size limit): one
# line with the system's reason, 74, and no file left behind.
(trap '' XFSZ; ulimit -f 66; "$OTASUKE" survey tally --by industry -o small.xlsx \
	>"$T/out" 2>"$T/err"; echo $? >"$T/rc")
rc=$(cat "$T/rc")
expect_rc 74 "write fails"
expect_err "otasuke: cannot write 'small.xlsx': File too large"
[ -z "$(ls | grep small)" ] && pass || fail "left behind: $(ls | grep small)"

done_testing
