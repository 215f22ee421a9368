# diag interview with answers on a pipe (stdin not a terminal): a full
# run, quit and resume, skip, back, notes, --review, --new, and bad lines
# (each stops with "<stdin>:LINE: ..." and exit 65, keeping what was given).
. "$SRC/tests/lib.sh"

# Exit status of an interview quit before the end (q, Ctrl-C, end of input).
QUIT_RC=${QUIT_RC:-0}

otasuke init
otasuke company add Acme --industry E
expect_rc 0 "company add"

# The question ids in order, as the set lists them.
otasuke --lang en questions show diag-office
sed -n 's/^ *[0-9][0-9]*\. \([a-z0-9-]*\) .*/\1/p' "$T/out" >"$T/ids"
q() { sed -n "${1}p" "$T/ids"; }

# Quit at once: nothing stored, the count of questions is told.
printf 'q\n' >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc "$QUIT_RC" "quit at once"
N=$(sed -n 's/^0 of \([0-9]*\) questions done; the answers so far are saved\.$/\1/p' \
	"$T/out")
if [ -n "$N" ] && [ "$N" -eq "$(wc -l <"$T/ids")" ]; then pass; else
	fail "no '0 of N questions done' line matching the set"; fi
expect_err "nothing was answered, so nothing was saved"
expect_sql "SELECT count(*) FROM answer" 0
expect_sql "SELECT count(*) FROM assessment" 0

# Three answers (number, number, id), then the end of the input = quit.
printf '1\n2\nno\n' >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc "$QUIT_RC" "end of input"
expect_grep "^1/$N $(q 1): done$"
expect_grep "^3/$N $(q 3): no$"
expect_grep "^3 of $N questions done; the answers so far are saved\.$"
expect_sql "SELECT group_concat(option, ',') FROM (SELECT option FROM answer
	ORDER BY question)" "done,partly,no"

# Resume at question 4: s skips it, an empty line skips 5, b goes back to
# 5, which is answered "unknown" by its number; a note with "n TEXT".
printf 's\n\nb\n4\nn owner will check\n\n' >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc "$QUIT_RC" "resume"
expect_grep "^Going on from 4/$N (3 answered so far)\.$"
expect_grep "^4/$N $(q 4): (skipped)$"
expect_grep "^5/$N $(q 5): (back)$"
expect_grep "^5/$N $(q 5): unknown$"
expect_grep "^6/$N $(q 6): (note) owner will check$"
expect_sql "SELECT count(*) FROM answer WHERE question = '$(q 4)'
	AND option IS NULL" 1
expect_sql "SELECT option FROM answer WHERE question = '$(q 5)'" unknown
expect_sql "SELECT coalesce(option, '-') || '|' || note FROM answer
	WHERE question = '$(q 6)'" "-|owner will check"
expect_sql "SELECT count(*) FROM answer" 6

# Bad lines: each one stops the run with exit 65 and one line naming the
# input line; the answers given before it are kept. (Question 6 was
# passed with a note, so the run goes on at 7.)
printf '9\n' >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc 65 "unknown option number"
expect_err "otasuke: <stdin>:1: question '$(q 7)': '9' is not one of its options (use 1-5 or done, partly, no, unknown, na)"
expect_sql "SELECT count(*) FROM answer" 6

printf 'done\nmaybe\n' >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc 65 "unknown option id"
expect_err "otasuke: <stdin>:2: question '$(q 8)': 'maybe' is not one of its options (use 1-5 or done, partly, no, unknown, na)"
expect_sql "SELECT option FROM answer WHERE question = '$(q 7)'" done
expect_sql "SELECT count(*) FROM answer" 7

printf '\377\376\n' >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc 65 "invalid UTF-8"
expect_err "otasuke: <stdin>:1: question '$(q 8)': the line is not valid UTF-8 text"

# NUL bytes (binary input) are refused, not taken as the end of the input
# nor cut off: "done<NUL>x" is no answer.
printf 'done\000x\n' >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc 65 "NUL byte"
expect_err "otasuke: <stdin>:1: question '$(q 8)': the line holds a NUL byte; answers are text"
printf '\000\n' >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc 65 "NUL line"
expect_err "otasuke: <stdin>:1: question '$(q 8)': the line holds a NUL byte; answers are text"
expect_sql "SELECT count(*) FROM answer" 7

# A long answer in Japanese with a tab and an escape: the message is one
# line of valid UTF-8 (cut between characters), without control bytes.
{ printf 'あ\t\033[31m'; for i in $(seq 1 300); do printf 'い'; done
  printf '\n'; } >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc 65 "long Japanese line"
expect_lines 1
if iconv -f UTF-8 -t UTF-8 "$T/err" >/dev/null 2>&1; then pass; else
	fail "the message is not valid UTF-8"; fi
if tr -d '\n' <"$T/err" | LC_ALL=C grep -q '[[:cntrl:]]'; then
	fail "control bytes in the message"; else pass; fi

head -c 20000 /dev/zero | tr '\0' x >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc 65 "line too long"
expect_err "otasuke: <stdin>:1: question '$(q 8)': the line is longer than 16384 bytes"
expect_sql "SELECT count(*) FROM answer" 7

# "QID=VALUE" lines guard a script against drifting.
printf '%s=partly\n%s=1\n' "$(q 8)" "$(q 10)" >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc 65 "QID= for another question"
expect_err "otasuke: <stdin>:2: question '$(q 9)': this line answers question '$(q 10)', but the question asked here is '$(q 9)'"
expect_sql "SELECT option FROM answer WHERE question = '$(q 8)'" partly
expect_sql "SELECT count(*) FROM answer" 8

# --review starts at the first question: b there stays, empty lines keep
# the answers, a new answer replaces one (the note stays with it); the
# skipped 4 and 6 get answers.
printf 'b\n\n3\n\n1\n\n1\n' >"$T/in"
otasuke diag interview Acme --review <"$T/in"
expect_rc "$QUIT_RC" "review"
expect_grep "^  This is the first question\.$"
expect_grep "^1/$N $(q 1): (kept) done$"
expect_grep "^2/$N $(q 2): no$"
expect_grep "^4/$N $(q 4): done$"
expect_sql "SELECT option FROM answer WHERE question = '$(q 2)'" no
expect_sql "SELECT option || '|' || note FROM answer
	WHERE question = '$(q 6)'" "done|owner will check"
expect_sql "SELECT count(*) FROM answer WHERE option IS NULL" 0
expect_sql "SELECT count(*) FROM answer" 8

# Answer the rest: the end finishes the assessment and prints the summary.
yes 1 | head -n "$N" >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc 0 "to the end"
expect_grep "^All questions are done\.$"
expect_grep "input goes on after the last question" "$T/err"
expect_sql "SELECT count(*) FROM answer" "$N"
expect_sql "SELECT count(*) FROM assessment WHERE completed_at IS NOT NULL" 1

# Run again without --review: nothing left to ask.
printf '' >"$T/in"
otasuke diag interview Acme <"$T/in"
expect_rc 0 "all answered"
expect_grep "diagnosis was completed on"

# --new: a second assessment; the first one is kept as it was.
printf '2\n' >"$T/in"
otasuke diag interview Acme --new <"$T/in"
expect_rc "$QUIT_RC" "--new"
expect_grep "^1/$N $(q 1): partly$"
expect_sql "SELECT count(*) FROM assessment" 2
expect_sql "SELECT count(*) FROM answer WHERE assessment_id =
	(SELECT max(id) FROM assessment)" 1
expect_sql "SELECT count(*) FROM answer WHERE assessment_id =
	(SELECT min(id) FROM assessment)" "$N"

# A script saved by Windows Notepad: a byte order mark and CRLF.
otasuke company add Notepad --industry E
printf '\357\273\2771\r\npartly\r\n' >"$T/in"
otasuke diag interview Notepad <"$T/in"
expect_rc "$QUIT_RC" "BOM and CRLF"
expect_grep "^1/$N $(q 1): done$"
expect_grep "^2/$N $(q 2): partly$"

# Japanese: the log lines stay the same, the messages are in Japanese.
printf 'q\n' >"$T/in"
otasuke --lang ja diag interview Acme <"$T/in"
expect_rc "$QUIT_RC" "ja quit"
expect_grep "^2/$N から再開します（1 問回答済み）。$"
expect_grep "^$N 問中 1 問が済み、ここまでの回答は保存してあります。$"

done_testing
