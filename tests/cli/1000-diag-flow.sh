# The whole diagnosis flow: init, company add, diag import, score (text,
# json, csv, en and ja), action, list, then peers and a reference average.
. "$SRC/tests/lib.sh"
F=$DATA/diag/flow

otasuke init
otasuke company add Acme --industry E
otasuke questions load "$DATA/diag/small.yaml"
expect_rc 0 "questions load"

# Nothing yet.
otasuke diag score Acme --set small
expect_rc 65 "score before any answer"
expect_err "otasuke: Acme: no 'small' diagnosis yet; run 'otasuke diag interview Acme --set small' or 'otasuke diag import'"
otasuke diag list --set small
expect_rc 0
expect_out "ID  Company  Industry  State        Date  Overall
 1  Acme     E         not started  -     -"

otasuke diag import "$F/answers.csv"
expect_rc 0 "import"
expect_err "$F/answers.csv: 10 answers imported (assessments: 1 new, 0 continued, 1 completed)"
expect_sql "SELECT count(*) FROM answer" 10
expect_sql "SELECT count(*) FROM assessment WHERE completed_at IS NOT NULL" 1
expect_sql "SELECT note FROM answer WHERE question = 'basics-3'" "ask the IT shop"

# basics 9/16 = 56.3 C, rules 0/8 = 0.0 D, office 6/8 = 75.0 B, overall
# 15/32 = 46.9 C; priorities (max - points) x weight x 1.5 (C/D) x cost.
otasuke diag score Acme --set small
expect_rc 0 "score text"
expect_out "$(cat "$F/score.txt")"
otasuke diag score 1 --set small --format json
expect_rc 0 "score json"
expect_out "$(cat "$F/score.json")"
otasuke diag score Acme --set small --format csv
expect_rc 0 "score csv"
expect_out "$(cat "$F/score.csv")"
otasuke --lang ja diag score Acme --set small
expect_rc 0 "score ja"
expect_out "$(cat "$F/score-ja.txt")"

otasuke diag action Acme --set small
expect_rc 0 "action text"
expect_out "$(cat "$F/action.txt")"
expect_no_grep '[Cc]ertif'
otasuke diag action Acme --set small --format json
expect_rc 0 "action json"
expect_out "$(cat "$F/action.json")"
otasuke --lang ja diag action Acme --set small
expect_rc 0 "action ja"
expect_out "$(cat "$F/action-ja.txt")"
expect_no_grep '認定'

otasuke diag list --set small
expect_rc 0 "list"
expect_out "ID  Company  Industry  State      Date        Overall
 1  Acme     E         completed  2025-11-25  C (46.9)"
otasuke diag list --set small --format json
expect_out '[{"id":1,"name":"Acme","industry":"E","state":"completed","answered":9,"asked":9,"date":"2025-11-25","score":46.9,"grade":"C"}]'

# Five peers of the same industry finish: the comparison appears. Their
# basics: 4+4+0+0+0 = 8/20 = 40.0; rules 8/8; office 0/8; overall 16/36.
printf 'company,set,question,answer\n' >peers.csv
for i in 1 2 3 4 5; do
	otasuke company add "Peer $i" --industry E
	for q in basics-1 basics-2 rules-1 rules-2; do
		printf 'Peer %s,small,%s,done\n' "$i" "$q" >>peers.csv
	done
	for q in basics-3 basics-4 basics-5 office-1 office-2; do
		printf 'Peer %s,small,%s,no\n' "$i" "$q" >>peers.csv
	done
done
otasuke diag import peers.csv
expect_rc 0 "peers import"
expect_err "peers.csv: 45 answers imported (assessments: 5 new, 0 continued, 5 completed)"
otasuke diag score Acme --set small
expect_grep '^Compared with: the average of 5 companies in the same industry$'
expect_grep '^Overall: 46.9 C Needs work (others 44.4)$'
expect_grep '^Basics   56.3  C Needs work     40.0          -       4/4$'
expect_grep '^Office   75.0  B Mostly good     0.0          -       2/2$'
otasuke diag score Acme --set small --format json
expect_grep '"comparison":{"source":"industry","n":5}'
# a peer is compared with the other four peers and Acme
otasuke diag score "Peer 1" --set small --format csv
expect_grep '^Peer 1,small,2,yes,basics,40.0,C,43.3,industry,5,,5,5'

# One more company in another industry: too few peers there, so the
# reference average of its industry is used, with its source.
otasuke company add Shop --industry G
cat >ref.yaml <<'REF'
source: Example survey 2024
set: small
averages:
  - {industry: G, category: basics, score: 61.5, n: 240}
  - {industry: G, category: overall, score: 58.25, n: 240}
REF
otasuke diag reference import ref.yaml
expect_rc 0 "reference import"
expect_err "ref.yaml: 2 averages loaded"
expect_sql "SELECT count(*) FROM reference_avg" 2
printf 'company,set,question,answer\nShop,small,basics-1,done\n' >shop.csv
otasuke diag import shop.csv
otasuke diag score Shop --set small
expect_grep '^Assessment 7: in progress (1 of 9 answered)$'
expect_grep '^Compared with: the published average "Example survey 2024" (240 companies)$'
expect_grep '^Overall: 100.0 A Good (others 58.3)$'
otasuke diag score Shop --set small --format json
expect_grep '"comparison":{"source":"reference","n":240,"reference":"Example survey 2024"}'

# The list shows all three states.
otasuke diag list --set small --format csv
expect_rc 0 "list csv"
expect_grep '^1,Acme,E,completed,9,9,2025-11-25,46.9,C'
expect_grep '^7,Shop,G,in-progress,1,9,2025-11-25,100.0,A'
otasuke diag list
expect_grep '^ 7  Shop     G         not started  -     -$'

done_testing
