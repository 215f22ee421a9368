# alerts summary --mismatch: the diagnosis says updates (SECURITY ACTION
# 1) and malware protection (2) are done, yet the sensor saw command and
# control, malware-site or phishing-site events in the period.
. "$SRC/tests/lib.sh"
D=$DATA/alerts/summary
P="--from 2020-10-01 --to 2020-10-31"

otasuke init
otasuke company import "$D/companies.csv"
otasuke alerts import "$D/counts.csv"

# Every diag-office question that has a 'done' option, answered 'done'
# by COMPANY, except QUESTION answered ANSWER.
answers() {
	"$OTASUKE" questions show diag-office |
		awk -v c="$1" -v q="$2" -v a="$3" '
			/^ *[0-9]+\. / { id = $2 }
			/^ +[0-9]+\) done / { print c ",diag-office," id "," (id == q ? a : "done") }'
}
{
	echo company,set,question,answer
	answers A1 - -			# says done: flagged (c2-known)
	answers A2 basics-2 no		# no malware protection: not flagged
	answers A3 - -			# done, but only port scans: not flagged
} >"$T/answers.csv"
otasuke diag import "$T/answers.csv"
expect_rc 0 "diag import"
expect_sql "SELECT count(*) FROM assessment WHERE completed_at IS NOT NULL" 3
# B1 saw phishing-site but has no diagnosis: not flagged.

otasuke alerts summary $P --mismatch --format json
expect_rc 0 "json"
expect_out '{"from":"2020-10-01","to":"2020-10-31","companies":[{"id":1,"name":"A1","assessment":1,"completed_at":"2025-11-25T00:00:00Z","alerts":2,"events":[{"id":"c2-known","count":2}]}]}'
otasuke alerts summary $P --mismatch
expect_out "Diagnosis and sensor disagree, 2020-10-01 to 2020-10-31
the diagnosis says updates and malware protection are done, yet the sensor saw signs of an infection:
id  company  diagnosis   alerts  events
 1  A1       2025-11-25       2  c2-known 2"
otasuke alerts summary $P --mismatch --format csv
expect_out "id,name,diagnosis,alerts,events
1,A1,2025-11-25,2,c2-known 2"

# Out of the period: nothing to flag.
otasuke alerts summary --from 2020-11-01 --mismatch
expect_rc 0 "none"
expect_out "Diagnosis and sensor disagree, 2020-11-01 to ...
the diagnosis says updates and malware protection are done, yet the sensor saw signs of an infection:
(none)"
otasuke alerts summary --from 2020-11-01 --mismatch --format json
expect_out '{"from":"2020-11-01","to":null,"companies":[]}'

# One company.
otasuke alerts summary $P --mismatch --company A2 --format json
expect_out '{"from":"2020-10-01","to":"2020-10-31","company":{"id":2,"name":"A2","industry":"E"},"companies":[]}'

# A phishing site seen by A3 as well now flags it.
printf 'company,period_start,period_end,event,count\nA3,2020-10-01,2020-10-31,phishing-site,5\n' >"$T/more.csv"
otasuke alerts import "$T/more.csv"
otasuke alerts summary $P --mismatch --format csv
expect_out "id,name,diagnosis,alerts,events
1,A1,2025-11-25,2,c2-known 2
3,A3,2025-11-25,5,phishing-site 5"

done_testing
