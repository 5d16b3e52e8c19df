#!/usr/bin/env bash
# The command line as a user meets it: exit codes, stdin, output files,
# help and version.
set -uo pipefail
cli=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

check() {  # check NAME EXPECTED-EXIT COMMAND...
  local name=$1 want=$2; shift 2
  "$@" >"$work/stdout" 2>"$work/stderr"
  local got=$?
  if [ "$got" = "$want" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $name: exit $got, wanted $want"; cat "$work/stderr"; fi
}
expect() {  # expect NAME FILE PATTERN
  if grep -q -- "$3" "$2"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $1: no '$3' in $2:"; cat "$2"; fi
}

valid=$src/fixtures/releases/2024-05-08-digital-skills-partnership.md

check "valid draft" 0 "$cli" check "$valid"
check "several files, one invalid" 1 "$cli" check "$valid" "$src/fixtures/invalid/missing-dateline.md"
expect "diagnostic format" "$work/stderr" "missing-dateline.md:[0-9]*:[0-9]*: error\[dateline-missing\]"
check "stdin" 0 "$cli" check - <"$valid"
check "stdin invalid" 1 "$cli" check - <"$src/fixtures/invalid/impossible-date.md"
expect "stdin is named" "$work/stderr" "<stdin>:17:13: error\[date-invalid\]"
expect "caret under the date" "$work/stderr" "^      |             ^~~~~~~~~~~~"
check "missing file" 2 "$cli" check "$work/nope.md"
check "no files" 2 "$cli" check
check "unknown option" 2 "$cli" check --bogus "$valid"
check "list rules" 0 "$cli" check --list-rules
expect "rules listed" "$work/stdout" "dateline-missing"
check "version" 0 "$cli" --version
expect "version printed" "$work/stdout" "^[0-9]*\.[0-9]*\.[0-9]*"
check "help" 0 "$cli" check --help
expect "help explains exit codes" "$work/stdout" "Exit status"

# Modified copies of the example-shaped fixture.
sed '$d' "$valid" | sed '$d' >"$work/no-dateline.md"
check "dateline removed" 1 "$cli" check "$work/no-dateline.md"
expect "dateline removed: reported" "$work/stderr" "no-dateline.md:[0-9]*:[0-9]*: error\[dateline-missing\]"
sed 's/^Phnom Penh, 8 May 2024$/Phnom Penh, 31 April 2024/' "$valid" >"$work/april31.md"
check "31 April" 1 "$cli" check "$work/april31.md"
expect "31 April: reported at its line" "$work/stderr" "april31.md:[0-9]*:13: error\[date-invalid\]"
sed '1,2d' "$valid" >"$work/no-header.md"
check "header removed" 1 "$cli" check "$work/no-header.md"
expect "header removed: reported" "$work/stderr" "no-header.md:2:1: error\[header-missing\]"

# convert
check "convert to a folder" 0 "$cli" convert "$valid" --to xml -o "$work/out"
[ -s "$work/out/2024-05-08-digital-skills-partnership.xml" ] && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL convert wrote no file"; }
check "convert to stdout" 0 "$cli" convert "$valid" --to xml -o -
expect "xml on stdout" "$work/stdout" "<release xmlns=\"urn:communique:release:1\""
check "convert invalid" 1 "$cli" convert "$src/fixtures/invalid/missing-dateline.md" -o "$work/bad"
[ ! -e "$work/bad/missing-dateline.xml" ] && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL an invalid release was written"; }
check "unknown format" 2 "$cli" convert "$valid" --to docx -o "$work/out"
check "stdout takes one result" 2 "$cli" convert "$valid" "$valid" -o -
cp "$work/out/2024-05-08-digital-skills-partnership.xml" "$work/in.xml"
check "never overwrites its input" 2 "$cli" convert "$work/in.xml" --to xml -o "$work"
expect "refusal explained" "$work/stderr" "refusing to overwrite the input"
ls "$work"/*.tmp-* >/dev/null 2>&1 && { failed=$((failed + 1)); echo "FAIL temporary file left"; } || passed=$((passed + 1))

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
