# diag interview on a pseudo-terminal, driven by tests/tools/ptyrun.c:
# the screen (progress, category, options, keys) in English and Japanese,
# bad keys, help, back, notes, Ctrl-C, Ctrl-D, --review marks, a narrow
# terminal, and kill -9 in the middle, then resume: nothing given is lost.
. "$SRC/tests/lib.sh"

PTYRUN=$T/ptyrun
${CC:-cc} -std=c11 -O1 -D_GNU_SOURCE -o "$PTYRUN" "$SRC/tests/tools/ptyrun.c" ||
	{ fail "cannot build tests/tools/ptyrun.c"; done_testing; }

# pty COLS ARGS... <script: run otasuke ARGS on a COLS-wide terminal; the
# screen goes to $T/out, ptyrun's complaints to $T/err, the status to $rc.
pty() {
	cols=$1
	shift
	"$PTYRUN" -c "$cols" -r 30 -t 10 -o "$T/out" -- "$OTASUKE" "$@" \
		2>"$T/err"
	rc=$?
}

otasuke init
otasuke company add Acme --industry E
otasuke --lang en questions show diag-office
sed -n 's/^ *[0-9][0-9]*\. \([a-z0-9-]*\) .*/\1/p' "$T/out" >"$T/ids"
q() { sed -n "${1}p" "$T/ids"; }
N=$(wc -l <"$T/ids")

# English: the screen, a bad key, b at the first question, ?, an answer,
# a note, another answer, then Ctrl-C.
pty 100 --lang en diag interview Acme <<EOF
expect 1/$N  $(q 1)
expect Disposal: How old PCs and papers are thrown away
expect   1) Yes  2) Partly  3) No  4) Don't know  5) Not applicable
expect   Answer with 1-5.
expect   ? help  b back  s skip  n note  q save+quit
expect > 
send x
expect 'x' is not one of the options (type 1-5, or ? for help)
expect > 
send b
expect This is the first question.
expect > 
send ?
expect Help: 
expect > 
send 1
expect -> saved: 1) Yes
expect 2/$N  $(q 2)
expect > 
send n called back later
expect -> note saved
expect > 
send 2
expect 3/$N  $(q 3)
expect > 
maxwidth
ctrl C
expect Interrupted. 2 of $N questions done; the answers so far are saved.
wait
EOF
expect_rc 0 "Ctrl-C"
expect_no_grep "^1/$N" "$T/err"
expect_sql "SELECT option FROM answer WHERE question = '$(q 1)'" done
expect_sql "SELECT option || '|' || note FROM answer
	WHERE question = '$(q 2)'" "partly|called back later"
expect_sql "SELECT count(*) FROM answer" 2

# Japanese on a narrow terminal, --review: the given answers are marked,
# Enter keeps one, the note is shown; every line fits in 44 columns;
# Ctrl-D (end of input) saves and quits.
pty 44 --lang ja diag interview Acme --review <<EOF
expect 1/$N
expect 破棄：古いパソコンや書類の捨て方
expect *1) 実施している
expect 今の回答: 1) 実施している
expect Enter で今のまま次へ
expect ? 説明  b 戻る  s 飛ばす  n メモ
expect > 
send
expect 2/$N
expect メモ: called back later
expect > 
send 3
expect -> 保存: 3) 実施していない
expect 3/$N
expect > 
send ?
expect 説明: 
expect 対策: 
expect > 
maxwidth
ctrl D
expect $N 問中 2 問が済み、
wait
EOF
expect_rc 0 "Ctrl-D"
expect_sql "SELECT option || '|' || note FROM answer
	WHERE question = '$(q 2)'" "no|called back later"
expect_sql "SELECT count(*) FROM answer" 2

# kill -9 in the middle: every answer shown as saved is in the database.
pty 80 --lang en diag interview Acme <<EOF
expect Going on from 3/$N (2 answered so far).
expect 3/$N  $(q 3)
expect > 
send 1
expect 4/$N  $(q 4)
expect > 
send s
expect 5/$N  $(q 5)
expect > 
send 4
expect 6/$N  $(q 6)
expect > 
kill9
wait
EOF
expect_rc 137 "kill -9"
expect_sql "SELECT count(*) FROM answer" 5
expect_sql "SELECT option FROM answer WHERE question = '$(q 3)'" done
expect_sql "SELECT count(*) FROM answer WHERE question = '$(q 4)'
	AND option IS NULL" 1
expect_sql "SELECT option FROM answer WHERE question = '$(q 5)'" unknown

# ... and the next run goes on where it stopped.
pty 80 --lang en diag interview Acme <<EOF
expect Going on from 6/$N (5 answered so far).
expect 6/$N  $(q 6)
expect > 
send q
expect 5 of $N questions done; the answers so far are saved.
wait
EOF
expect_rc 0 "resume after kill -9"
expect_sql "SELECT count(*) FROM answer" 5

done_testing
