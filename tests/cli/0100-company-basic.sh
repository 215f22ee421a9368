# company add/list/show/edit/remove, names stored verbatim, aligned kanji.
. "$SRC/tests/lib.sh"

otasuke init
expect_rc 0 init
if [ "$(stat -c %a "$OTASUKE_DB")" = 600 ]; then pass; else fail "db mode $(stat -c %a "$OTASUKE_DB")"; fi

otasuke company add "山田製作所" --industry E --employees 12 --pcs 10 --region 岐阜
expect_rc 0 add
expect_out 1
otasuke company add "O'Brien; DROP TABLE company; --" --industry 製造業
expect_out 2
otasuke company add 'Café "😀" ☕' --industry wholesale\ and\ retail\ trade --pcs 3
expect_out 3
otasuke company add 'さくら会計' --industry '学術研究、専門・技術サービス業'
expect_rc 0 "industry name with 、"

otasuke company list
expect_rc 0 list
expect_out "id  name                             industry  employees  pcs  region
 1  山田製作所                       E                12   10  岐阜
 2  O'Brien; DROP TABLE company; --  E
 3  Café \"😀\" ☕                     I                      3
 4  さくら会計                       L"

otasuke company list --format csv --industry E
expect_out "id,name,industry,employees,pcs,region
1,山田製作所,E,12,10,岐阜
2,O'Brien; DROP TABLE company; --,E,,,"

otasuke company list --format json --industry I
expect_out '[{"id":3,"name":"Café \"😀\" ☕","industry":"I","employees":null,"pcs":3,"region":null}]'

otasuke company show "O'Brien; DROP TABLE company; --" --format json
expect_grep '"name":"O'"'"'Brien; DROP TABLE company; --"'
expect_sql "SELECT count(*) FROM company" 4

otasuke --lang ja company show 1
expect_grep '^業種: E 製造業$'
otasuke --lang ja company list --industry I
expect_grep '^ID  会社名'
otasuke --lang ja company list --industry I --format csv
expect_grep '^id,name,industry,employees,pcs,region$'

otasuke company edit 1 --employees 15 --region ''
expect_rc 0 edit
expect_sql "SELECT employees || '/' || ifnull(region, 'NULL') FROM company WHERE id = 1" "15/NULL"

otasuke company add "山田製作所" --industry E
expect_rc 65 "duplicate name"
expect_err "otasuke: a company named '山田製作所' already exists"

otasuke company add "X社" --industry Z
expect_rc 64 "unknown industry"
expect_grep "unknown industry 'Z'" "$T/err"

otasuke company add "X社" --industry E --employees -4
expect_rc 64 "negative employees"
otasuke company add "X社" --industry E --pcs lots
expect_rc 64 "non-numeric pcs"
otasuke company add "X社"
expect_rc 64 "no industry"
otasuke company add "" --industry E
expect_rc 65 "empty name"
expect_err "otasuke: the company name is empty"
expect_sql "SELECT count(*) FROM company" 4

otasuke company show 99
expect_rc 65 "unknown company"
expect_err "otasuke: no company '99'; 'otasuke company list' shows them"

sql "INSERT INTO incident(company_id, date, severity, title) VALUES (1, '2025-01-01', 'low', 't')"
otasuke company remove 1
expect_rc 65 "remove with records"
expect_grep "add --force" "$T/err"
expect_sql "SELECT count(*) FROM company" 4
otasuke company remove 1 --force
expect_rc 0 "remove --force"
expect_sql "SELECT count(*) FROM company WHERE id = 1" 0
expect_sql "SELECT count(*) FROM incident" 0
otasuke company remove 4
expect_rc 0 "remove plain"

otasuke company industries --format csv
expect_grep '^E,製造業,Manufacturing$'

done_testing
