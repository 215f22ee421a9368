# diag import: every bad input is reported as FILE:LINE: field N (column
# X): ..., exit 65, and nothing is stored (what was stored before stays).
. "$SRC/tests/lib.sh"

otasuke init
otasuke company add Acme --industry E
otasuke questions load "$DATA/diag/small.yaml"
printf 'company,set,question,answer,note\nAcme,small,basics-1,done,\n' >ok.csv
otasuke diag import ok.csv
expect_rc 0 "a first good import"

# bad ROWS MESSAGE: a file with a header and ROWS; stderr must be the one
# line MESSAGE (from the row's line on); nothing new is stored.
bad() {
	printf 'company,set,question,answer,note\n%b' "$1" >bad.csv
	otasuke diag import bad.csv
	expect_rc 65 "$2"
	expect_err "otasuke: bad.csv:$2"
	expect_sql "SELECT count(*) FROM answer" 1
	expect_sql "SELECT count(*) FROM assessment" 1
	expect_sql "SELECT option FROM answer WHERE question = 'basics-1'" done
}

bad 'Nobody,small,basics-2,done,\n' \
	"2: field 1 (column A): no company 'Nobody'; 'otasuke company list' shows them"
bad 'Acme,nope,basics-2,done,\n' \
	"2: field 2 (column B): no question set 'nope'; 'otasuke questions list' shows them"
bad 'Acme,survey-seminar,it_staff,dedicated,\n' \
	"2: field 2 (column B): set 'survey-seminar' is a survey, not a diagnosis; 'otasuke questions list' shows the sets"
bad 'Acme,small,basics-2,done,\nAcme,small,basics-9,done,\n' \
	"3: field 3 (column C): set 'small' version 1 has no question 'basics-9'; 'otasuke questions show small' lists them"
bad 'Acme,small,basics-2,sometimes,\n' \
	"2: field 4 (column D): 'sometimes' is not an answer to 'basics-2'; use done, partly, no, unknown or na, or leave it empty to skip it"
bad 'Acme,small,basics-2,done,\nAcme,small,basics-2,no,\n' \
	"3: field 3 (column C): question 'basics-2' of company 'Acme' is already answered on line 2; keep one row"
bad 'Acme,small,basics-2\n' \
	"2: 3 fields, fewer than the header's 5"
bad 'Acme,small,basics-2,done,,extra\n' \
	"2: 6 fields, more than the header's 5"
bad ',small,basics-2,done,\n' \
	"2: field 1 (column A): the company is empty; give its id or exact name"

# A CSV syntax error (its wording is the CSV reader's).
printf 'company,set,question,answer\nAcme,small,basics-2,do"ne\n' >bad.csv
otasuke diag import bad.csv
expect_rc 65 "csv syntax"
expect_grep '^otasuke: bad.csv:2: field 4 (column D): ' "$T/err"
expect_lines 1
expect_sql "SELECT count(*) FROM answer" 1

# Several bad rows: all are listed, in file order.
printf 'company,set,question,answer\nAcme,small,basics-2,done\nX,small,basics-3,done\nAcme,small,basics-4,often\n' >bad.csv
otasuke diag import bad.csv
expect_rc 65 "two bad rows"
expect_err "otasuke: bad.csv:3: field 1 (column A): no company 'X'; 'otasuke company list' shows them
otasuke: bad.csv:4: field 4 (column D): 'often' is not an answer to 'basics-4'; use done, partly, no, unknown or na, or leave it empty to skip it
otasuke: bad.csv: 2 errors, nothing was changed"
expect_sql "SELECT count(*) FROM answer" 1

# The file itself.
: >empty.csv
otasuke diag import empty.csv
expect_rc 65 "empty file"
expect_err "otasuke: empty.csv: the file is empty; expected a header row: company,set,question,answer,note"
printf 'company,set,question,answer\n' >head.csv
otasuke diag import head.csv
expect_rc 65 "header only"
expect_err "otasuke: head.csv: no answers after the header row"
printf 'company,question,answer\nAcme,basics-2,done\n' >nohead.csv
otasuke diag import nohead.csv
expect_rc 65 "missing column"
expect_err "otasuke: nohead.csv:1: the header needs columns 'company', 'set', 'question' and 'answer' (and may have 'note')"
otasuke diag import missing.csv
expect_rc 66 "missing file"
expect_err "otasuke: cannot open 'missing.csv': No such file or directory"
expect_sql "SELECT count(*) FROM answer" 1

# Usage.
otasuke diag import
expect_rc 64 "no file"
expect_grep "'diag import' needs a FILE.csv" "$T/err"
otasuke diag import ok.csv --encoding latin1
expect_rc 64 "bad encoding"
otasuke diag import ok.csv --format json
expect_rc 64 "option of another subcommand"
expect_grep "'diag import' does not take '--format'" "$T/err"

# CP932 (Excel) files are read as such; the empty answer is a skip.
printf 'company,set,question,answer,note\n1,small,basics-2,,\203\201\203\202\n' >sjis.csv
otasuke diag import sjis.csv
expect_rc 0 "cp932"
expect_sql "SELECT coalesce(option, 'skip') || ' ' || note FROM answer WHERE question = 'basics-2'" "skip メモ"
otasuke diag import sjis.csv --encoding utf-8
expect_rc 65 "cp932 read as utf-8"
expect_grep "bad.csv\|sjis.csv:2: field 5 (column E)" "$T/err"

# A line break inside a bad cell does not split the message.
printf 'company,set,question,answer\n"Ac\nme",small,basics-1,"x\ny"\n' >nl.csv
otasuke diag import nl.csv
expect_rc 65 "line breaks in cells"
expect_err "otasuke: nl.csv:2: field 1 (column A): no company 'Ac me'; 'otasuke company list' shows them"

# Long Japanese cells in messages that do not fit: cut between characters.
{ printf 'company,set,question,answer\n'
  for i in $(seq 1 400); do printf 'あ'; done
  printf ',small,basics-1,done\nAcme,small,basics-1,'
  for i in $(seq 1 400); do printf 'い'; done; printf '\n'; } >long.csv
otasuke diag import long.csv
expect_rc 65 "long cells"
expect_lines 3
if iconv -f UTF-8 -t UTF-8 "$T/err" >/dev/null 2>&1; then pass; else
	fail "the messages are not valid UTF-8"; fi

# A cell of 10 MB (a pasted file?) is refused, not stored as a note.
{ printf 'company,set,question,answer,note\nAcme,small,office-1,done,'
  head -c 10485760 /dev/zero | tr '\0' x; printf '\n'; } >huge.csv
otasuke diag import huge.csv
expect_rc 65 "10 MB cell"
expect_err "otasuke: huge.csv:2: field 5 (column E): field is longer than 65536 bytes"
expect_sql "SELECT count(*) FROM answer WHERE question = 'office-1'" 0

done_testing
