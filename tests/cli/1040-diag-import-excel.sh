# diag import of a sheet typed by office staff in Excel: Japanese header,
# CP932 with CRLF, stray spaces (also ideographic), full-width letters,
# answers as their Japanese or English labels, rows left blank (",,,,"),
# and a column the import does not use.
. "$SRC/tests/lib.sh"

otasuke init
otasuke company add 山田製作所 --industry E
otasuke questions load "$DATA/diag/small.yaml"

printf '%s\r\n' \
	'会社名,セット,質問,回答,メモ,担当者' \
	' 山田製作所 ,small,basics-1,Done,,佐藤' \
	'山田製作所,small, basics-2 ,実施している,,佐藤' \
	',,,,,' \
	'山田製作所,ｓｍａｌｌ,ＢＡＳＩＣＳ-3,わからない,情シス に確認,佐藤' \
	'　山田製作所　,small,basics-4,Not applicable,,' \
	'山田製作所,small,basics-5,一部実施している　,,' \
	'   ,  ,,　,,' |
	iconv -f UTF-8 -t CP932 >sheet.csv
otasuke diag import sheet.csv
expect_rc 0 "Excel sheet"
expect_err "otasuke: warning: sheet.csv: column '担当者' is not used
otasuke: warning: sheet.csv:4: empty row; skipped
otasuke: warning: sheet.csv:8: empty row; skipped
sheet.csv: 5 answers imported (assessments: 1 new, 0 continued, 0 completed)"
expect_sql "SELECT group_concat(question || '=' || option, ' ') FROM
	(SELECT * FROM answer ORDER BY question)" \
	"basics-1=done basics-2=done basics-3=unknown basics-4=na basics-5=partly"
expect_sql "SELECT note FROM answer WHERE question = 'basics-3'" \
	"情シス に確認"

# A label that is no option's is still an error, naming the options.
printf 'company,set,question,answer\n山田製作所,small,rules-1,たぶん\n' >bad.csv
otasuke diag import bad.csv
expect_rc 65 "unknown label"
expect_err "otasuke: bad.csv:2: field 4 (column D): 'たぶん' is not an answer to 'rules-1'; use done, partly, no, unknown or na, or leave it empty to skip it"
expect_sql "SELECT count(*) FROM answer" 5

# Only blank rows: nothing to import.
printf 'company,set,question,answer\n,,,\n' >blank.csv
otasuke diag import blank.csv
expect_rc 65 "only blank rows"
expect_err "otasuke: blank.csv: no answers after the header row"
expect_sql "SELECT count(*) FROM answer" 5
done_testing
