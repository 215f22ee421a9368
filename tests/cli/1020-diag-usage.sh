# diag score / action / list / reference / interview: bad arguments,
# unknown companies and sets, exit codes.
. "$SRC/tests/lib.sh"

otasuke diag --help
expect_rc 0 "--help"
expect_grep '^usage: otasuke diag'
otasuke diag
expect_rc 64 "no subcommand"
otasuke diag frob
expect_rc 64 "unknown subcommand"
expect_grep "'diag frob' is not a command" "$T/err"

otasuke init
otasuke company add Acme --industry E

otasuke diag score
expect_rc 64 "score without company"
expect_grep "'diag score' needs a COMPANY" "$T/err"
otasuke diag score Acme Beta
expect_rc 64 "two companies"
otasuke diag score Acme --format xml
expect_rc 64 "bad format"
otasuke diag score Acme --review
expect_rc 64 "option of another subcommand"
expect_grep "'diag score' does not take '--review'" "$T/err"
otasuke diag action Acme --format csv
expect_rc 64 "action csv"
expect_grep "'diag action' writes text or json, not csv" "$T/err"
otasuke diag list extra
expect_rc 64 "list operand"
otasuke diag interview Acme --review --new
expect_rc 64 "--review --new"
expect_grep "^otasuke: --review and --new do not go together$" "$T/err"
otasuke diag reference
expect_rc 64 "reference without import"
otasuke diag reference import
expect_rc 64 "reference import without file"
expect_grep "'diag reference import' needs a FILE.yaml" "$T/err"
otasuke diag reference import x.yaml --set diag-office
expect_rc 64 "reference import with --set"
expect_grep "'diag reference import' does not take '--set'" "$T/err"

otasuke diag score Nobody
expect_rc 65 "unknown company"
expect_err "otasuke: no company 'Nobody'; 'otasuke company list' shows them"
otasuke diag score 42
expect_rc 65 "unknown id"
otasuke diag score Acme
expect_rc 65 "no assessment"
expect_err "otasuke: Acme: no 'diag-office' diagnosis yet; run 'otasuke diag interview Acme' or 'otasuke diag import'"
otasuke diag action Acme
expect_rc 65 "action without assessment"
otasuke diag score Acme --set nope
expect_rc 65 "unknown set"
expect_err "otasuke: no question set 'nope'; 'otasuke questions list' shows them"
otasuke diag score Acme --set survey-seminar
expect_rc 65 "survey set"
expect_err "otasuke: set 'survey-seminar' is a survey, not a diagnosis; 'otasuke questions list' shows the sets"
otasuke diag list --set nope
expect_rc 65 "list unknown set"
printf 'q\n' | otasuke diag interview Nobody
expect_rc 65 "interview unknown company"
printf 'q\n' >in
otasuke diag interview Acme --set nope <in
expect_rc 65 "interview unknown set"
expect_err "otasuke: no question set 'nope'; 'otasuke questions list' shows them"
expect_sql "SELECT count(*) FROM assessment" 0

# Bad reference files: FILE:LINE:COL, exit 65, nothing stored.
printf 'set: diag-office\nsource: x\naverages:\n  - {industry: E, category: basics, score: 150, n: 3}\n' >ref.yaml
otasuke diag reference import ref.yaml
expect_rc 65 "score out of range"
expect_err "otasuke: ref.yaml:4:44: 'score' must be between 0 and 100"
printf 'set: diag-office\nsource: x\naverages:\n  - {industry: E, category: nope, score: 50, n: 3}\n  - {industry: Q1, category: basics, score: 50, n: 3}\n' >ref.yaml
otasuke diag reference import ref.yaml
expect_rc 65 "two errors"
expect_err "otasuke: ref.yaml:4:29: set 'diag-office' has no category 'nope'; use one of its categories or 'overall'
otasuke: ref.yaml:5:16: industry 'Q1' is not a JSIC division letter A-T or its name
otasuke: ref.yaml: 2 errors, nothing was changed"
printf 'averages: [\n' >ref.yaml
otasuke diag reference import ref.yaml
expect_rc 65 "bad YAML"
expect_grep '^otasuke: ref.yaml:2:' "$T/err"
# A value written over two lines stays on the one line of its message.
printf 'source: s\nset: diag-office\naverages:\n  - industry: "Z\\nQ"\n    category: basics\n    score: 50\n    n: 5\n' >ref.yaml
otasuke diag reference import ref.yaml
expect_rc 65 "line break in a value"
expect_err "otasuke: ref.yaml:4:15: industry 'Z Q' is not a JSIC division letter A-T or its name"
otasuke diag reference import none.yaml
expect_rc 66 "missing file"
expect_sql "SELECT count(*) FROM reference_avg" 0

done_testing
