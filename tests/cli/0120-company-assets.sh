# company assets import/list: IPv4/IPv6/MAC validation, replace, all or nothing.
. "$SRC/tests/lib.sh"
otasuke init
otasuke company add 山田製作所 --industry E
printf 'ip,mac,hostname,owner,location\n192.168.1.10,00-1A-2B-3C-4D-5E,PC-01,山田 太郎,事務所\n2001:DB8::1,,NAS,総務,倉庫\n,aabb.ccdd.eeff,プリンタ,,\n' >a.csv
otasuke company assets import 山田製作所 a.csv
expect_rc 0 import
expect_grep "3 devices stored" "$T/err"
otasuke company assets list 1 --format csv
expect_out "ip,mac,hostname,owner,location
,aa:bb:cc:dd:ee:ff,プリンタ,,
192.168.1.10,00:1a:2b:3c:4d:5e,PC-01,山田 太郎,事務所
2001:db8::1,,NAS,総務,倉庫"
printf 'ip,hostname\n192.168.1.300,bad\n10.0.0.1,ok\n,empty\n' >bad.csv
otasuke company assets import 1 bad.csv
expect_rc 65 "bad addresses"
expect_grep "bad.csv:2: field 1 (column A): '192.168.1.300' is not an IPv4 or IPv6 address" "$T/err"
expect_grep "bad.csv:4: a device needs an ip or a mac address" "$T/err"
expect_sql "SELECT count(*) FROM asset" 3
printf 'ip,mac\n10.0.0.1,00:11:22:33:44\n' >badmac.csv
otasuke company assets import 1 badmac.csv
expect_rc 65 "bad mac"
expect_err "otasuke: badmac.csv:2: field 2 (column B): '00:11:22:33:44' is not a MAC address (like 00:1a:2b:3c:4d:5e)"
printf 'ip\n10.0.0.9\n' >one.csv
otasuke company assets import 1 one.csv
expect_rc 0 replace
expect_sql "SELECT group_concat(ip) FROM asset" 10.0.0.9
otasuke company assets import 2 one.csv
expect_rc 65 "unknown company"
done_testing
