# config get/set/unset.
. "$SRC/tests/lib.sh"
otasuke init
otasuke config set desk.name "おたすけ隊 相談窓口"
expect_rc 0 set
otasuke config get desk.name
expect_out "おたすけ隊 相談窓口"
otasuke config get desk.phone
expect_rc 1 "unset key"
otasuke config get peers.min
expect_out 5
otasuke config set peers.min 0
expect_rc 64 "peers.min 0"
otasuke config set peers.min 7
otasuke config get peers.min
expect_out 7
otasuke config unset peers.min
otasuke config get peers.min
expect_out 5
otasuke config set desk.fax 1
expect_rc 64 "unknown key"
expect_grep "unknown key 'desk.fax'" "$T/err"
otasuke config get
expect_grep '^desk.name=おたすけ隊 相談窓口$'
expect_grep '^peers.min=5$'
otasuke config frob
expect_rc 64 "unknown subcommand"
done_testing
