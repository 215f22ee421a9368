# report batch: one PDF per company with -j workers, index.csv, a company
# that fails (no diagnosis) listed without stopping the others (exit 2),
# sheets equal to those of 'report health', and the usage errors.
. "$SRC/tests/lib.sh"
. "$DATA/report/setup.sh"
otasuke company add "No/Answers yet" --industry E
otasuke company add "Other industry" --industry F

otasuke --lang ja report batch --all -o sheets -j 2
expect_rc 2 "one company fails"
expect_grep "^otasuke: company 'No/Answers yet' has no diagnosis yet: run 'otasuke diag interview 8' or 'otasuke diag import' first$" "$T/err"
expect_grep "^otasuke: company 'Other industry' has no diagnosis yet" "$T/err"
expect_grep '^7 社の診断書を [0-9.]* 秒で作成しました（2 件失敗）: sheets/index.csv$' "$T/err"
if [ -s "$T/out" ]; then fail "stdout not empty"; else pass; fi
ls sheets >"$T/files"
expect_lines 8 "$T/files"
expect_grep '^1-サンプル1.pdf$' "$T/files"
expect_grep '^7-サンプル7.pdf$' "$T/files"
expect_no_grep 'No_Answers' "$T/files"
expect_no_grep 'tmp' "$T/files"
tr -d '\r' <sheets/index.csv >"$T/index"
expect_lines 10 "$T/index"
expect_grep '^id,company,file,grade,status,reason$' "$T/index"
expect_grep '^1,サンプル1,1-サンプル1.pdf,C,ok,$' "$T/index"
expect_grep "^8,No/Answers yet,,,failed,company 'No/Answers yet' has no diagnosis yet" "$T/index"

# The batch's sheet is the one 'report health' draws, byte for byte.
otasuke --lang ja report health 1 -o one.pdf
if cmp -s one.pdf sheets/1-サンプル1.pdf; then pass; else fail "batch and health differ"; fi
otasuke --lang ja report health 3 -o three.pdf
if cmp -s three.pdf sheets/3-サンプル3.pdf; then pass; else fail "batch and health differ (3)"; fi

# A selection: by industry, by name or id (each once), one worker.
otasuke report batch --industry F -o f
expect_rc 2 "industry F: its only company fails"
otasuke --lang en report batch --industry 製造業 -o e -j 1
expect_rc 2 "industry by name"
expect_grep '^7 sheets in [0-9.]* s, 1 failed: e/index.csv$' "$T/err"
otasuke report batch サンプル2 2 3 -o some
expect_rc 0 "named companies"
ls some >"$T/files"
if [ "$(tr '\n' ' ' <"$T/files")" = "2-サンプル2.pdf 3-サンプル3.pdf index.csv " ]; then
	pass; else fail "files: $(cat "$T/files")"; fi

# Usage errors, and an output that is not a folder.
otasuke report batch -o x
expect_rc 64 "nothing chosen"
expect_grep "needs one of --all, --industry X or COMPANY..." "$T/err"
otasuke report batch --all 1 -o x
expect_rc 64 "--all and a company"
otasuke report batch --all
expect_rc 64 "no -o"
expect_grep "'report batch' needs -o DIR" "$T/err"
otasuke report batch --all -o x -j 0
expect_rc 64 "-j 0"
otasuke report batch --industry Z -o x
expect_rc 64 "unknown industry"
otasuke report batch Nobody -o x
expect_rc 65 "unknown company"
expect_err "otasuke: no company 'Nobody'; 'otasuke company list' shows them"
: >afile
otasuke report batch --all -o afile
expect_rc 73 "-o is a file"
expect_err "otasuke: cannot create the folder 'afile': a file has that name"
otasuke report health 1 -j 2
expect_rc 64 "health takes no -j"
expect_sql "SELECT count(*) FROM answer" 319
done_testing
