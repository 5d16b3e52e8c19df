#!/usr/bin/env bash
# The command's behaviour at its edges: -o naming a file (as pandoc does),
# binary output to a terminal, messages for mistakes (unknown subcommands,
# help, --stylesheet, --version, -q), and configuration and I/O errors as
# diagnostics in every report format.
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
expect_fixed() {  # expect_fixed NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $1: no '$3' in $2:"; cat "$2"; fi
}
ok() {  # ok NAME COMMAND...: the command (a test) succeeds
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}
empty() {  # empty NAME FILE
  if [ ! -s "$2" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $1: $2 is not empty:"; cat "$2"; fi
}
json() {  # json NAME FILE PYTHON-ASSERTIONS (d is the parsed file)
  if python3 -c "import json, sys; d = json.load(open(sys.argv[1])); $3" "$2" 2>"$work/py"; then
    passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1:"; cat "$work/py" "$2"; fi
}

valid=$src/fixtures/releases/2024-05-08-digital-skills-partnership.md
other=$src/fixtures/releases/2024-01-08-kampot-pepper-fair.md
invalid=$src/fixtures/invalid/missing-dateline.md
cp "$valid" "$work/x.md"

# --- 4. -o as in pandoc -------------------------------------------------------
check "-o FILE.html" 0 "$cli" convert "$work/x.md" -o "$work/fish.html"
ok "-o FILE.html is a file" test -f "$work/fish.html"
expect "-o FILE.html: HTML from the extension" "$work/fish.html" "<html"
check "-o FILE.txt --to txt" 0 "$cli" convert "$work/x.md" --to txt -o "$work/one.txt"
ok "-o FILE.txt is a file" test -f "$work/one.txt"
check "-o FILE.nitf.xml" 0 "$cli" convert "$work/x.md" -o "$work/story.nitf.xml"
expect "-o FILE.nitf.xml is NITF" "$work/story.nitf.xml" "<nitf"
check "-o FILE.xml" 0 "$cli" convert "$work/x.md" -o "$work/release.xml"
expect "-o FILE.xml is release XML" "$work/release.xml" "<release xmlns"
check "-o FILE.pdf" 0 "$cli" convert "$work/x.md" -o "$work/x.pdf"
ok "-o FILE.pdf is a PDF" grep -q '^%PDF-' "$work/x.pdf"
mkdir -p "$work/deep"
check "-o FILE in a folder not yet made" 0 "$cli" convert "$work/x.md" -o "$work/deep/er/page.html"
ok "-o FILE: its folder made" test -f "$work/deep/er/page.html"
check "-o FILE from standard input" 0 "$cli" convert - -o "$work/stdin.txt" <"$valid"
ok "-o FILE from standard input is a file" test -f "$work/stdin.txt"
check "-o FILE overwrites an older output" 0 "$cli" convert "$other" -o "$work/fish.html"
expect "-o FILE: the new release" "$work/fish.html" "Kampot"
check "several formats and -o FILE" 2 "$cli" convert "$work/x.md" --to html,txt -o "$work/two.html"
expect "several formats: explained" "$work/stderr" "two.html"
ok "several formats: nothing written" test ! -e "$work/two.html"
check "--to and a different extension" 2 "$cli" convert "$work/x.md" --to pdf -o "$work/out.html"
expect "--to and the extension: both named" "$work/stderr" "pdf.*\.html\|\.html.*pdf"
ok "--to and the extension: nothing written" test ! -e "$work/out.html"
check "an invalid release and -o FILE" 1 "$cli" convert "$invalid" -o "$work/bad.html"
ok "an invalid release: nothing written" test ! -e "$work/bad.html"
cp "$valid" "$work/self.md"
check "-o FILE never overwrites its input" 2 "$cli" convert "$work/self.md" --to draft -o "$work/self.md"
cmp -s "$work/self.md" "$valid" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL the input was overwritten"; }
ln -s self.md "$work/link.md"
check "-o FILE never overwrites its input through a link" 2 "$cli" convert "$work/self.md" -o "$work/link.md"
cmp -s "$work/self.md" "$valid" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL the input was overwritten"; }
check "-o FILE with --catalog" 2 "$cli" convert "$work/x.md" --catalog -o "$work/cat.html"
# Many inputs, a folder input, an existing folder, a trailing slash: -o is a folder.
check "many inputs: -o is a folder" 0 "$cli" convert "$valid" "$other" -o "$work/many.html"
ok "many inputs: a folder" test -f "$work/many.html/2024-05-08-digital-skills-partnership.xml"
mkdir -p "$work/archive"
cp "$valid" "$work/archive/"
check "a folder input: -o is a folder" 0 "$cli" convert "$work/archive" --to html -o "$work/site.html"
ok "a folder input: a folder" test -f "$work/site.html/2024-05-08-digital-skills-partnership.html"
mkdir -p "$work/existing.html"
check "an existing folder stays a folder" 0 "$cli" convert "$work/x.md" --to html -o "$work/existing.html"
ok "an existing folder: the output inside" test -f "$work/existing.html/x.html"
check "a trailing slash is a folder" 0 "$cli" convert "$work/x.md" --to html -o "$work/slash.html/"
ok "a trailing slash: the output inside" test -f "$work/slash.html/x.html"
check "an unknown extension is a folder" 0 "$cli" convert "$work/x.md" -o "$work/out.d"
ok "an unknown extension: a folder" test -f "$work/out.d/x.xml"
[ -z "$(find "$work" -name '.~cq-*')" ] && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL temporary file left"; find "$work" -name '.~cq-*'; }
# -o - is standard output; binary formats are not sent to a terminal.
check "-o - is standard output" 0 "$cli" convert "$work/x.md" --to txt -o -
ok "-o -: no file named -" test ! -e ./-
check "-o - pdf into a pipe or file" 0 "$cli" convert "$work/x.md" --to pdf -o -
ok "-o - pdf: a PDF" grep -q '^%PDF-' "$work/stdout"
if command -v script >/dev/null; then
  for f in pdf docx; do
    script -qec "'$cli' convert '$work/x.md' --to $f -o -" /dev/null >"$work/tty" 2>&1
    got=$?
    [ "$got" = 2 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL $f to a terminal: exit $got"; }
    expect_fixed "$f to a terminal: refused" "$work/tty" "binary output to a terminal; redirect it or use -o FILE"
  done
  script -qec "'$cli' convert '$work/x.md' --to txt -o -" /dev/null >"$work/tty" 2>&1
  ok "text to a terminal is fine" grep -q "PRESS RELEASE\|Phnom Penh" "$work/tty"
fi

# --- 5. Messages ---------------------------------------------------------------
check "unknown subcommand" 2 "$cli" chek "$valid"
expect_fixed "unknown subcommand: named, nearest suggested" "$work/stderr" "unknown subcommand 'chek'; did you mean 'check'?"
check "unknown subcommand, nothing near" 2 "$cli" frobnicate
expect_fixed "unknown subcommand: named" "$work/stderr" "unknown subcommand 'frobnicate'"
check "a file but no subcommand" 2 "$cli" "$valid"
expect_fixed "a file but no subcommand: named" "$work/stderr" "unknown subcommand"
check "help" 0 "$cli" help
expect "help lists the subcommands" "$work/stdout" "convert"
expect "help is the --help text" "$work/stdout" "Exit status"
check "help convert" 0 "$cli" help convert
expect_fixed "help convert: convert's options" "$work/stdout" "--stylesheet"
check "help chek" 2 "$cli" help chek
expect_fixed "help chek: suggests" "$work/stderr" "did you mean 'check'?"
check "--stylesheet without FORMAT=" 2 "$cli" convert "$valid" --stylesheet xs/house.xsl -o "$work/st"
expect_fixed "--stylesheet explains FORMAT=PATH" "$work/stderr" "--stylesheet expects FORMAT=PATH, e.g. html=house.xsl"
check "--version" 0 "$cli" --version
version=$(sed -n 's/^project(communique VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
ok "--version: first line" test "$(head -n1 "$work/stdout")" = "communique $version"
for lib in "libxml2 [0-9]" "ICU [0-9]" "cmark-gfm [0-9]" "libxslt [0-9].*writers module" \
  "HarfBuzz [0-9].*writers module" "PoDoFo [0-9].*writers module" "libzip [0-9]"; do
  expect "--version: $lib" "$work/stdout" "^$lib"
done
LD_DEBUG=files LD_DEBUG_OUTPUT="$work/loaded" "$cli" --version >/dev/null 2>&1
if cat "$work"/loaded.* | grep -q "communique-writers"; then
  failed=$((failed + 1)); echo "FAIL --version loads the writers module"; else passed=$((passed + 1)); fi
check "check -q: a warning, success" 0 "$cli" check -q "$src/fixtures/invalid/date-after-dateline.md"
empty "check -q prints nothing on success (stderr)" "$work/stderr"
empty "check -q prints nothing on success (stdout)" "$work/stdout"
check "check -q: an error is still told" 1 "$cli" check -q "$invalid"
expect "check -q: the error" "$work/stderr" "error\[dateline-missing\]"
check "convert -q" 0 "$cli" convert -q "$valid" -o "$work/quiet"
empty "convert -q prints nothing on success (stdout)" "$work/stdout"
empty "convert -q prints nothing on success (stderr)" "$work/stderr"
check "convert -q -o FILE" 0 "$cli" convert -q "$valid" -o "$work/quiet.html"
empty "convert -q -o FILE prints nothing" "$work/stdout"
empty "convert -q -o FILE prints nothing" "$work/stderr"

# --- 7. Machine formats carry every error ---------------------------------------
printf '[rules]\n\nno-such-rule = "off"\n' >"$work/bad.toml"
check "bad config, json" 2 "$cli" check --config "$work/bad.toml" --format json "$valid"
json "bad config in the json report" "$work/stdout" '
c = [x for x in d["diagnostics"] if x["rule"] == "config"]
assert c and c[0]["file"].endswith("bad.toml") and c[0]["line"] == 3 and c[0]["severity"] == "error", c
files = {f["file"]: f["valid"] for f in d["files"]}
assert any(k.endswith("bad.toml") and v is False for k, v in files.items()), files
assert any(k.endswith("digital-skills-partnership.md") and v is False for k, v in files.items()), files'
check "missing file, json" 2 "$cli" check --format json "$valid" "$work/nope.md"
json "missing file in the json report" "$work/stdout" '
files = {f["file"]: f["valid"] for f in d["files"]}
assert files.get(sys.argv[1].rsplit("/", 1)[0] + "/nope.md") is False, files
assert [v for k, v in files.items() if k.endswith("partnership.md")] == [True], files
[x] = [x for x in d["diagnostics"] if x["rule"] == "io"]
assert x["file"].endswith("nope.md") and x["severity"] == "error" and "No such file" in x["message"], x'
mkdir -p "$work/folder.md"
check "a folder as a file, json" 2 "$cli" check --format json "$work/folder.md"
json "a folder in the json report" "$work/stdout" '
assert [f["valid"] for f in d["files"]] == [False], d["files"]
assert [x["rule"] for x in d["diagnostics"]] == ["io"], d["diagnostics"]'
check "missing config, json" 2 "$cli" check --config "$work/nope.toml" --format json "$valid"
json "missing config in the json report" "$work/stdout" '
assert any(x["rule"] == "io" and x["file"].endswith("nope.toml") for x in d["diagnostics"]), d
assert all(f["valid"] is False for f in d["files"]) and len(d["files"]) == 2, d["files"]'
check "bad config and missing file, sarif" 2 "$cli" check --config "$work/bad.toml" --format sarif "$valid" "$work/nope.md"
json "sarif carries config and io" "$work/stdout" '
run = d["runs"][0]
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
got = {r["ruleId"] for r in run["results"]}
assert {"config", "io"} <= got, got
for r in run["results"]:
    assert ids[r["ruleIndex"]] == r["ruleId"] and r["level"] == "error"
    assert r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1'
check "bad config and missing file, github" 2 "$cli" check --config "$work/bad.toml" --format github "$valid" "$work/nope.md"
expect "github: config annotation" "$work/stdout" "^::error file=.*bad.toml,line=3,.*title=config::"
expect "github: io annotation" "$work/stdout" "^::error file=.*nope.md,title=io::.*No such file"
check "missing file, human" 2 "$cli" check "$work/nope.md"
expect "human: io diagnostic" "$work/stderr" "nope.md: error\[io\]: "
check "io is a rule" 0 "$cli" check --list-rules
expect "io listed" "$work/stdout" "^io  *error "

# check -j: files are checked on several threads, but the report is in the
# order given, whatever finishes first: more files than one window (16 a
# thread), valid, invalid, unreadable and badly configured ones, mixed.
mkdir -p "$work/many/sub"
printf '[rules]\n\nno-such-rule = "off"\n' >"$work/many/sub/.communique.toml"
for i in $(seq -w 1 60); do
  case $((10#$i % 4)) in
    0) cp "$src/fixtures/invalid/missing-dateline.md" "$work/many/r$i.md" ;;
    1) cp "$src/fixtures/releases/2024-04-12-km-trade-delegation.md" "$work/many/r$i.md" ;;
    2) cp "$valid" "$work/many/sub/r$i.md" ;;
    3) cp "$valid" "$work/many/r$i.md" ;;
  esac
done
mkdir -p "$work/many/r99.md"
for format in human json sarif github; do
  check "check -j 1, $format" 2 "$cli" check -j 1 --format "$format" "$work/many" "$work/nope.md" "$work/many/r99.md"
  cat "$work/stdout" "$work/stderr" >"$work/one.$format"
  check "check -j 3, $format" 2 "$cli" check -j 3 --format "$format" "$work/many" "$work/nope.md" "$work/many/r99.md"
  cat "$work/stdout" "$work/stderr" >"$work/three.$format"
  ok "check -j 3 reports as -j 1 does, $format" cmp -s "$work/one.$format" "$work/three.$format"
done
json "check -j 3: every file, in order" "$work/three.json" '
names = [f["file"].rsplit("/", 1)[-1] for f in d["files"]]
top = [f"r{i:02}.md" for i in range(1, 61) if i % 4 != 2]
sub = [f"r{i:02}.md" for i in range(1, 61) if i % 4 == 2]
assert names == top + [".communique.toml"] + sub + ["nope.md", "r99.md"], names
assert sum(not f["valid"] for f in d["files"]) > 30, d["files"]'
# The same files named one by one, as a pre-commit hook or xargs gives them.
check "check -j 1, files one by one" 2 "$cli" check -j 1 --format json "$work"/many/r*.md "$work"/many/sub/r*.md
cp "$work/stdout" "$work/one-by-one.json"
check "check -j 3, files one by one" 2 "$cli" check -j 3 --format json "$work"/many/r*.md "$work"/many/sub/r*.md
ok "check -j 3 reports files named one by one as -j 1 does" cmp -s "$work/one-by-one.json" "$work/stdout"
check "check -j 0 is refused" 2 "$cli" check -j 0 "$valid"

echo "cli-behaviour: $passed passed, $failed failed"
[ "$failed" = 0 ]
