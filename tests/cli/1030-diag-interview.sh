# diag interview as wired to the diagnosis (the engine itself is tested in
# 1500-interview-*): the closing summary, a completed assessment, --new
# and --review, resuming hints, a skipped question left open.
. "$SRC/tests/lib.sh"

otasuke init
otasuke company add Acme --industry E
otasuke questions load "$DATA/diag/small.yaml"

# A whole hearing: the answers of tests/data/diag/flow/answers.csv.
printf 'done\npartly\nunknown\nna\ndone\nno\nno\ndone\npartly\nyes\n' >in
otasuke diag interview Acme --set small <in
expect_rc 0 "whole hearing"
expect_grep '^Assessment 1: completed on 2025-11-25 (9 of 9 answered)$'
expect_grep '^  Basics: C 56.3$'
expect_grep '^  Rules: D 0.0$'
expect_grep '^  Office: B 75.0$'
expect_grep '^  1\. \[basics-3\] Use long passwords\.$'
expect_grep '^  3\. \[rules-2\] Put it on the website\.$'
expect_no_grep '^  4\. '
expect_sql "SELECT count(*) FROM answer" 10
expect_sql "SELECT count(*) FROM assessment WHERE completed_at IS NOT NULL" 1
otasuke diag score Acme --set small --format csv
expect_out "$(cat "$DATA/diag/flow/score.csv")"

# Completed: one line, exit 0, nothing asked or changed.
printf '1\n' >in
otasuke diag interview Acme --set small <in
expect_rc 0 "completed"
expect_out "Acme: the 'small' diagnosis was completed on 2025-11-25; add --review to go through it or --new to start a new one"
expect_sql "SELECT option FROM answer WHERE question = 'basics-1'" done

# --new: quitting before the first answer leaves no assessment behind.
printf 'q\n' >in
otasuke diag interview Acme --set small --new <in
expect_rc 0 "--new, quit at once"
expect_err "nothing was answered, so nothing was saved"
expect_sql "SELECT count(*) FROM assessment" 1

# --new with one answer and a skip, then the end of the input.
printf 'partly\ns\n' >in
otasuke diag interview Acme --set small --new <in
expect_rc 0 "--new, two lines"
expect_sql "SELECT count(*) FROM assessment" 2
expect_sql "SELECT count(*) FROM answer WHERE assessment_id = 2" 2
expect_sql "SELECT count(*) FROM answer WHERE assessment_id = 2 AND option IS NULL" 1
otasuke diag list --set small
expect_grep '^ 1  Acme     E         in progress 1/9  2025-11-25  C (50.0)$'

# Going on: to the end, the skipped question is asked again last and left
# open (an empty line): the assessment stays in progress.
printf 'done\ndone\ndone\ndone\ndone\ndone\ndone\nyes\n\n' >in
otasuke diag interview Acme --set small <in
expect_rc 0 "to the end with a question open"
expect_grep '^Assessment 2: in progress (8 of 9 answered)$'
expect_grep "^1 question is still open; run 'otasuke diag interview 1 --set small' again to answer it\.$"
expect_sql "SELECT count(*) FROM assessment WHERE completed_at IS NULL" 1

# --review in Japanese: answer it and quit; the assessment is completed
# with the last answer, without waiting for the end.
printf '\n1\nq\n' >in
otasuke --lang ja diag interview Acme --set small --review <in
expect_rc 0 "review"
expect_err "診断は完了しています。結果は 'otasuke diag score 1 --set small' で見られます"
expect_sql "SELECT count(*) FROM assessment WHERE completed_at IS NOT NULL" 2
otasuke diag score Acme --set small
expect_grep '^Assessment 2: completed on 2025-11-25 (9 of 9 answered)$'

# Completed, but an unscored fact was never reached: the hearing goes on
# with it instead of saying "completed".
printf 'company,set,question,answer\n' >all.csv
for q in basics-1 basics-2 basics-3 basics-4 basics-5 rules-1 rules-2 office-1 office-2; do
	printf 'Acme,small,%s,done\n' "$q" >>all.csv
done
otasuke diag import all.csv
expect_err "all.csv: 9 answers imported (assessments: 1 new, 0 continued, 1 completed)"
printf 'no\n' >in
otasuke diag interview Acme --set small <in
expect_rc 0 "the fact left"
expect_grep '^10/10 network-1: no$'
expect_sql "SELECT option FROM answer WHERE assessment_id = 3 AND question = 'network-1'" no
# the previous assessment is kept as it was
expect_sql "SELECT group_concat(option) FROM (SELECT option FROM answer WHERE assessment_id = 1 ORDER BY question)" "done,partly,unknown,na,done,yes,done,partly,no,no"

done_testing
