# init, db check/backup/export, refusing foreign and newer files.
. "$SRC/tests/lib.sh"

otasuke init
expect_rc 0 init
expect_grep "question sets\? loaded" "$T/err"
otasuke init
expect_rc 0 "init again"
expect_no_grep "loaded" "$T/err"
otasuke questions list --format csv
expect_grep '^diag-office,1,diagnosis,yes,'
expect_grep '^survey-seminar,1,survey,yes,'

otasuke company import "$DATA/company/good.csv"
otasuke db check
expect_rc 0 "check"
expect_out "ok: schema 1, no problems found"

otasuke db backup copy.db
expect_rc 0 backup
if [ "$(stat -c %a copy.db)" = 600 ]; then pass; else fail "backup mode"; fi
expect_sql "SELECT count(*) FROM company" 4
v=$(sqlite3 copy.db "SELECT count(*) FROM company")
[ "$v" = 4 ] && pass || fail "backup has $v companies"
otasuke --db copy.db company list --format csv
expect_rc 0 "backup opens"
otasuke db backup /nonexistent/dir/x.db
expect_rc 73 "backup to a missing folder"
expect_lines 1

otasuke db export exp
expect_rc 0 export
expect_grep "12 tables exported to 'exp'" "$T/err"
[ -f exp/company.csv ] && pass || fail "no company.csv"
grep -q "^3,\"O'Brien; DROP TABLE company; --\",E," exp/company.csv || grep -q "^3,O'Brien; DROP TABLE company; --,E," exp/company.csv && pass || fail "export content"
[ -z "$(ls exp | grep tmp)" ] && pass || fail "temporary files left"

# A foreign file is refused and left untouched.
echo "not a database" >notes.txt
cp notes.txt notes.orig
otasuke --db notes.txt company list
expect_rc 65 "text file"
expect_err "otasuke: 'notes.txt' is not an otasuke database (not an SQLite file); name another file with --db"
cmp -s notes.txt notes.orig && pass || fail "notes.txt changed"
sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
cp other.db other.orig
otasuke --db other.db init
expect_rc 65 "other sqlite"
expect_err "otasuke: 'other.db' is an SQLite database of another program, not otasuke's; name another file with --db"
cmp -s other.db other.orig && pass || fail "other.db changed"

# A file from a newer otasuke is refused and left untouched.
cp "$OTASUKE_DB" newer.db
sqlite3 newer.db "PRAGMA user_version = 42" 
cp newer.db newer.orig
otasuke --db newer.db company list
expect_rc 65 newer
expect_err "otasuke: 'newer.db' was made by a newer otasuke (schema 42, this one knows 1); upgrade otasuke"
cmp -s newer.db newer.orig && pass || fail "newer.db changed"

mkdir dir.db
otasuke --db dir.db company list
expect_rc 66 "a directory"
expect_err "otasuke: database 'dir.db' is a directory; name a file with --db"

# A damaged file: check reports it and exits 1 (or refuses it).
cp "$OTASUKE_DB" broken.db
sqlite3 broken.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
size=$(stat -c %s broken.db)
dd if=/dev/urandom of=broken.db bs=1024 seek=3 count=4 conv=notrunc 2>/dev/null
otasuke --db broken.db db check
if [ "$rc" -eq 1 ] || [ "$rc" -eq 74 ] || [ "$rc" -eq 65 ]; then pass; else fail "broken db: exit $rc"; fi

done_testing
