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
# The README's rule table is the same list, with each profile's level.
while read -r id general kh rest; do
  grep -qxF "| $id | $general | $kh | $rest |" "$src/README.md" && passed=$((passed + 1)) ||
    { failed=$((failed + 1)); echo "FAIL README has no row for rule $id ($general, $kh): $rest"; }
done <"$work/stdout"
check "version" 0 "$cli" --version
expect "version printed" "$work/stdout" "^communique [0-9]*\.[0-9]*\.[0-9]*$"
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
# Without its national header: valid as most offices publish (the general
# profile), not in a Cambodian ministry's house (--profile, or profile in
# the nearest .communique.toml).
check "header removed, general profile" 0 "$cli" check "$work/no-header.md"
check "header removed, kh-ministry" 1 "$cli" check --profile kh-ministry "$work/no-header.md"
expect "header removed: reported" "$work/stderr" "no-header.md:2:1: error\[header-missing\]"
mkdir -p "$work/house" && cp "$work/no-header.md" "$work/house/" && printf 'profile = "kh-ministry"\n' >"$work/house/.communique.toml"
check "header removed, the folder's profile" 1 "$cli" check "$work/house/no-header.md"
check "--profile over the folder's" 0 "$cli" check --profile general "$work/house/no-header.md"
check "unknown profile" 2 "$cli" check --profile strict "$work/no-header.md"

# convert
check "convert to a folder" 0 "$cli" convert "$valid" --to xml -o "$work/out"
[ -s "$work/out/2024-05-08-digital-skills-partnership.xml" ] && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL convert wrote no file"; }
check "convert to stdout" 0 "$cli" convert "$valid" --to xml -o -
expect "xml on stdout" "$work/stdout" "<release xmlns=\"urn:communique:release:1\""
check "convert invalid" 1 "$cli" convert "$src/fixtures/invalid/missing-dateline.md" -o "$work/bad"
[ ! -e "$work/bad/missing-dateline.xml" ] && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL an invalid release was written"; }
check "unknown format" 2 "$cli" convert "$valid" --to rtf -o "$work/out"
check "stdout takes one result" 2 "$cli" convert "$valid" "$valid" -o -
cp "$work/out/2024-05-08-digital-skills-partnership.xml" "$work/in.xml"
check "never overwrites its input" 2 "$cli" convert "$work/in.xml" --to xml -o "$work"
expect "refusal explained" "$work/stderr" "refusing to overwrite the input"
# Outputs are written to .~cq-NAME.PID-RAND.tmp and renamed: none may stay.
[ -z "$(find "$work" -name '.~cq-*')" ] && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL temporary file left"; find "$work" -name '.~cq-*'; }

# Report formats: the missing dateline at the same line in each.
nodl=$work/no-dateline.md
line=$(wc -l <"$nodl")
check "json" 1 "$cli" check --format json "$nodl"
python3 - "$work/stdout" "$line" <<'PY' && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL json report"; cat "$work/stdout"; }
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 1
[x] = [x for x in d["diagnostics"] if x["rule"] == "dateline-missing"]
assert x["line"] == int(sys.argv[2]) and x["severity"] == "error" and x["file"].endswith("no-dateline.md")
assert set(x) >= {"file", "line", "column", "end_line", "end_column", "severity", "rule", "message"}
PY
check "sarif" 1 "$cli" check --format sarif "$nodl"
python3 - "$work/stdout" "$line" <<'PY' && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL sarif report"; cat "$work/stdout"; }
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0"
run = d["runs"][0]
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert "dateline-missing" in ids
[r] = [r for r in run["results"] if r["ruleId"] == "dateline-missing"]
assert ids[r["ruleIndex"]] == "dateline-missing"
assert r["locations"][0]["physicalLocation"]["region"]["startLine"] == int(sys.argv[2])
assert all("region" in x["locations"][0]["physicalLocation"] for x in run["results"])
PY
check "github" 1 "$cli" check --format github "$nodl"
expect "github annotation" "$work/stdout" "^::error file=.*no-dateline.md,line=$line,col=[0-9]*,.*title=dateline-missing::"
check "human is the default" 1 "$cli" check "$nodl"
expect "human format" "$work/stderr" "no-dateline.md:$line:[0-9]*: error\[dateline-missing\]"
grep -q $'\033' "$work/stderr" && { failed=$((failed + 1)); echo "FAIL colour when not a terminal"; } || passed=$((passed + 1))
if command -v script >/dev/null; then
  NO_COLOR=1 script -qec "$cli check $nodl" /dev/null >"$work/tty" 2>&1
  grep -q $'\033' "$work/tty" && { failed=$((failed + 1)); echo "FAIL colour despite NO_COLOR"; } || passed=$((passed + 1))
  script -qec "$cli check $nodl" /dev/null >"$work/tty" 2>&1
  grep -q $'\033\[' "$work/tty" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL no colour on a terminal"; }
fi
check "warnings pass by default" 0 "$cli" check "$src/fixtures/invalid/date-after-dateline.md"
check "--fail-on warning" 1 "$cli" check --fail-on warning "$src/fixtures/invalid/date-after-dateline.md"

# Configuration: found by walking up from the file, or given.
mkdir -p "$work/office/drafts/2024"
cp "$src/fixtures/invalid/date-after-dateline.md" "$work/office/drafts/2024/late.md"
printf '[rules]\ndate-after-dateline = "error"\n' >"$work/office/.communique.toml"
check "config found above the file" 1 "$cli" check "$work/office/drafts/2024/late.md"
expect "config raised the severity" "$work/stderr" "error\[date-after-dateline\]"
printf '[rules]\ndate-after-dateline = "off"\n' >"$work/quiet.toml"
check "--config" 0 "$cli" check --config "$work/quiet.toml" "$work/office/drafts/2024/late.md"
printf '[rules]\n\nno-such-rule = "off"\n' >"$work/office/.communique.toml"
check "a config mistake" 2 "$cli" check "$work/office/drafts/2024/late.md"
expect "config mistake at its line" "$work/stderr" ".communique.toml:3:1: error\[config\]"

# fmt: rewrites to the canonical form, keeps permissions, is idempotent, leaves broken files alone.
cp "$src/fixtures/releases/2024-11-06-online-birth-registration.md" "$work/f.md"
printf '\n\n\n' >>"$work/f.md"
chmod 640 "$work/f.md"
check "fmt --check sees a change" 1 "$cli" fmt --check "$work/f.md"
expect "fmt --check names the file" "$work/stdout" "f.md: would be reformatted"
check "fmt" 0 "$cli" fmt "$work/f.md"
[ "$(stat -c %a "$work/f.md")" = 640 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL fmt lost the permissions"; }
check "fmt is idempotent" 0 "$cli" fmt --check "$work/f.md"
check "formatted file is valid" 0 "$cli" check "$work/f.md"
# A date format from the configuration: the dateline's date written as asked, once.
mkdir -p "$work/dated"
printf '[dates]\nformat = "iso"\n' >"$work/dated/.communique.toml"
cp "$valid" "$work/dated/d.md"
check "fmt with a date format" 0 "$cli" fmt "$work/dated/d.md"
expect "the dateline's date in ISO form" "$work/dated/d.md" "^Phnom Penh, 2024-05-08$"
check "fmt with a date format is idempotent" 0 "$cli" fmt --check "$work/dated/d.md"
check "the reformatted draft is valid" 0 "$cli" check "$work/dated/d.md"
printf '[dates]\nformat = "12/04/2024"\n' >"$work/dated/.communique.toml"
check "an unknown date format" 2 "$cli" fmt --check "$work/dated/d.md"
expect "the unknown date format at its line" "$work/stderr" ".communique.toml:2:10: error\[config\]: dates.format is"
cp "$src/fixtures/invalid/unclosed-emphasis.md" "$work/broken.md"
check "fmt leaves a broken draft" 1 "$cli" fmt "$work/broken.md"
cmp -s "$work/broken.md" "$src/fixtures/invalid/unclosed-emphasis.md" && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL fmt changed a broken draft"; }
# fmt writes a Markdown draft: release XML (or a .docx, a web page) would be lost.
"$cli" convert "$valid" --to xml -o - >"$work/release.xml" 2>/dev/null
cp "$work/release.xml" "$work/release.before.xml"
check "fmt refuses release XML" 2 "$cli" fmt "$work/release.xml"
expect "fmt says what it formats" "$work/stderr" "release.xml: is xml, not a draft"
cmp -s "$work/release.xml" "$work/release.before.xml" && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL fmt rewrote release XML"; }
check "--from names a format" 2 "$cli" check --from rtf "$valid"
check "--from markdown reads a draft" 0 "$cli" check --from markdown "$valid"
check "--from xml on a draft" 1 "$cli" check --from xml "$valid"

# One libxml2 in the process. The command carries its own (static) libxml2
# and exports it; the writers module's libxslt must bind every libxml2 call
# to that one, not half of them to the shared libxml2 it was linked with.
LD_DEBUG=bindings LD_DEBUG_OUTPUT="$work/bindings" "$cli" convert "$valid" -t html,txt,fo,draft,pdf \
  -o "$work/bound" >/dev/null 2>&1
providers=$(cat "$work"/bindings.* | sed -n "s/.* to \([^ ]*\) \[[0-9]*\]: normal symbol \`\(xml\|html\|__xml\)[A-Za-z0-9_]*'.*/\1/p" |
  sort -u)
if [ "$(printf '%s\n' "$providers" | grep -c .)" = 1 ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL libxml2's symbols bind to more than one object:"; echo "$providers"; fi

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
