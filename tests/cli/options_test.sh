#!/usr/bin/env bash
# Options are never ignored in silence (issue 19, items 6, 12 and 14):
# --param page-size reaches the PDF, a --param or --stylesheet that nothing
# uses is a warning, --report works with -o - and -o FILE, the catalog takes
# --param title and --base-url, folder options with one output file warn;
# a stylesheet reads data beside it (and a refusal names --allow-read);
# every limit's message says how to raise it.
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
expect_fixed() {  # expect_fixed NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $1: no '$3' in $2:"; cat "$2"; fi
}
absent() {  # absent NAME FILE TEXT
  if ! grep -qF -- "$3" "$2"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $1: '$3' in $2:"; cat "$2"; fi
}
ok() {  # ok NAME COMMAND...: the command (a test) succeeds
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}
json() {  # json NAME FILE PYTHON-ASSERTIONS (d is the parsed file)
  if python3 -c "import json, sys; d = json.load(open(sys.argv[1])); $3" "$2" 2>"$work/py"; then
    passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1:"; cat "$work/py" "$2"; fi
}

valid=$src/fixtures/releases/2024-05-08-digital-skills-partnership.md
cp "$valid" "$work/x.md"

# --- 6. page-size ----------------------------------------------------------------
page_size() { pdfinfo "$1" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p'; }
check "page-size=A5" 0 "$cli" convert "$work/x.md" --param page-size=A5 -o "$work/a5.pdf"
ok "page-size=A5: an A5 page (419.5 x 595.3 pt)" test "$(page_size "$work/a5.pdf")" = "419.528 595.276"
check "page-size=letter" 0 "$cli" convert "$work/x.md" --param page-size=letter -o "$work/letter.pdf"
ok "page-size=letter: a Letter page" test "$(page_size "$work/letter.pdf")" = "612 792"
check "no page-size: A4" 0 "$cli" convert "$work/x.md" -o "$work/a4.pdf"
ok "no page-size: an A4 page" test "$(page_size "$work/a4.pdf")" = "595.276 841.89"
check "page-size=B7 is refused" 1 "$cli" convert "$work/x.md" --param page-size=B7 -o "$work/b7.pdf"
expect_fixed "page-size=B7: said" "$work/stderr" "page-size 'B7' is not a4, a5 or letter"
ok "page-size=B7: nothing written" test ! -e "$work/b7.pdf"

# --- 6. a --param or --stylesheet that nothing uses is a warning -----------------------
check "--param nobody-declares" 0 "$cli" convert "$work/x.md" --to html --param colour=red -o "$work/p/"
expect_fixed "--param nobody-declares: named" "$work/stderr" "warning: --param colour=red: no stylesheet in use declares a parameter 'colour'"
check "--param page-size with --to html" 0 "$cli" convert "$work/x.md" --to html --param page-size=a5 -o "$work/p/"
expect_fixed "--param page-size, html only: warned" "$work/stderr" "parameter 'page-size'"
check "--param page-size with --to pdf" 0 "$cli" convert "$work/x.md" --to pdf --param page-size=a5 -o "$work/p/"
absent "--param page-size, pdf: no warning" "$work/stderr" "warning"
check "--param -q: quiet" 0 "$cli" convert -q "$work/x.md" --to html --param colour=red -o "$work/p/"
absent "--param -q: no warning" "$work/stderr" "warning"
mkdir -p "$work/xs"
cat >"$work/xs/house.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="communique:xslt/html.xsl"/>
  <xsl:param name="motto" select="'none'"/>
  <xsl:template match="/">
    <xsl:apply-imports/>
    <xsl:comment>motto: <xsl:value-of select="$motto"/>; data: <xsl:value-of select="document('data.xml')/data/motto"/></xsl:comment>
  </xsl:template>
</xsl:stylesheet>
XSL
echo '<data><motto>Read beside the stylesheet</motto></data>' >"$work/xs/data.xml"
check "a user stylesheet's own --param" 0 "$cli" convert "$work/x.md" --stylesheet html="$work/xs/house.xsl" \
  --param motto=Onward -o "$work/house.html"
absent "a user stylesheet's own --param: no warning" "$work/stderr" "warning"
expect_fixed "a user stylesheet's own --param: used" "$work/house.html" "motto: Onward"
check "--stylesheet html with --to txt" 0 "$cli" convert "$work/x.md" --stylesheet html="$work/xs/house.xsl" \
  --to txt -o "$work/st/"
expect_fixed "--stylesheet html with --to txt: warned" "$work/stderr" "warning: --stylesheet html=$work/xs/house.xsl: not used, html is not among the formats written (txt)"
check "--stylesheet fo with --to pdf: used" 0 "$cli" convert "$work/x.md" \
  --stylesheet fo="$src/xslt/fo.xsl" --to pdf -o "$work/st/"
absent "--stylesheet fo with --to pdf: no warning" "$work/stderr" "warning"

# --- 6. --report with -o - and -o FILE --------------------------------------------------
check "-o - --report" 0 "$cli" convert "$work/x.md" --to txt -o - --report "$work/r-stdout.json"
json "-o - --report: written" "$work/r-stdout.json" '
assert d["version"] == 1 and d["output"] == "-" and d["formats"] == ["txt"], d
[r] = d["releases"]
assert r["status"] == "converted" and r["outputs"] == {"txt": "-"} and r["info"]["headline"], r
assert d["summary"]["converted"] == 1, d["summary"]'
check "-o FILE --report" 0 "$cli" convert "$work/x.md" -o "$work/one.html" --report "$work/r-file.json"
json "-o FILE --report: written" "$work/r-file.json" '
[r] = d["releases"]
assert r["status"] == "converted" and r["outputs"]["html"].endswith("one.html"), r'
check "-o - --report, invalid" 1 "$cli" convert "$src/fixtures/invalid/missing-dateline.md" -o - --report "$work/r-bad.json"
json "-o - --report, invalid: failed with its diagnostics" "$work/r-bad.json" '
[r] = d["releases"]
assert r["status"] == "failed" and any(x["rule"] == "dateline-missing" for x in r["diagnostics"]), r'
check "-o - --catalog is refused" 2 "$cli" convert "$work/x.md" -o - --catalog
expect_fixed "-o - --catalog: said" "$work/stderr" "--catalog needs an output folder"

# --- 6. folder options with one input and -o FILE ---------------------------------------
check "-o FILE --jobs --force --include" 0 "$cli" convert "$work/x.md" -o "$work/j.html" -j 3 --force --include '*.md'
expect_fixed "-o FILE: idle options named" "$work/stderr" "warning: --include, --jobs, --force not used: -o $work/j.html converts one input to one output"
check "-o - --jobs" 0 "$cli" convert "$work/x.md" --to txt -o - -j 2
expect_fixed "-o -: --jobs named" "$work/stderr" "warning: --jobs not used: -o - converts one input"

# --- 6. the catalog: --param title, --base-url ------------------------------------------
mkdir -p "$work/archive"
cp "$valid" "$src/fixtures/releases/2024-01-08-kampot-pepper-fair.md" "$work/archive/"
check "--catalog --param title --base-url" 0 "$cli" convert "$work/archive" --to html,pdf -o "$work/site" --catalog \
  --param title="Ministry releases" --base-url https://example.org/releases
absent "--catalog --param title: no warning" "$work/stderr" "warning"
expect_fixed "--param title reaches index.html" "$work/site/index.html" "<title>Ministry releases</title>"
python3 - "$work/site/feed.atom" >"$work/py" 2>&1 <<'PY' && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL the feed:"; cat "$work/py"; }
import sys, xml.etree.ElementTree as ET
a = "{http://www.w3.org/2005/Atom}"
feed = ET.parse(sys.argv[1]).getroot()
assert feed.find(a + "title").text == "Ministry releases", feed.find(a + "title").text
links = [l.get("href") for l in feed.iter(a + "link")]
assert len(links) >= 6, links
assert all(h.startswith("https://example.org/releases/") for h in links), links
assert "https://example.org/releases/feed.atom" in links, links
assert any(h.endswith("/2024-05-08-digital-skills-partnership.html") for h in links), links
PY
check "--base-url must be absolute" 2 "$cli" convert "$work/archive" -o "$work/site2" --catalog --base-url example.org
expect_fixed "--base-url relative: said" "$work/stderr" "--base-url expects an absolute http or https URL"
check "--base-url without --catalog" 0 "$cli" convert "$work/archive" -o "$work/site3" --base-url https://example.org/
expect_fixed "--base-url without --catalog: warned" "$work/stderr" "--base-url is for the catalog's feed: not used without --catalog"
check "convert --report for catalog" 0 "$cli" convert "$work/archive" -o "$work/site4" --report "$work/site4.json"
check "catalog --param title --base-url" 0 "$cli" catalog "$work/site4.json" -o "$work/site4" \
  --param title="Merged" --base-url https://example.org/m/
expect_fixed "catalog: title" "$work/site4/feed.atom" "<title>Merged</title>"
expect_fixed "catalog: absolute links" "$work/site4/feed.atom" 'href="https://example.org/m/2024-01-08-kampot-pepper-fair.xml"'
check "catalog --param unknown" 0 "$cli" catalog "$work/site4.json" -o "$work/site4" --param colour=red
expect_fixed "catalog --param unknown: warned" "$work/stderr" "--param colour: the catalog's stylesheets declare no parameter 'colour'"

# --- 12. the sandbox as the README says it ------------------------------------------------
check "document() beside the stylesheet" 0 "$cli" convert "$work/x.md" --stylesheet html="$work/xs/house.xsl" \
  -o "$work/beside.html"
expect_fixed "document() beside the stylesheet: read" "$work/beside.html" "data: Read beside the stylesheet"
mkdir -p "$work/elsewhere"
echo '<data><motto>secret</motto></data>' >"$work/elsewhere/data.xml"
sed 's|data\.xml|../elsewhere/data.xml|' "$work/xs/house.xsl" >"$work/xs/peek.xsl"
check "document() outside: refused" 1 "$cli" convert "$work/x.md" --stylesheet html="$work/xs/peek.xsl" -o "$work/peek.html"
expect_fixed "document() outside: the refusal names --allow-read" "$work/stderr" "--allow-read"
check "document() outside, --allow-read" 0 "$cli" convert "$work/x.md" --stylesheet html="$work/xs/peek.xsl" \
  --allow-read "$work/elsewhere" -o "$work/peek.html"
expect_fixed "document() outside, --allow-read: read" "$work/peek.html" "data: secret"
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:include href="../elsewhere/inc.xsl"/>\n</xsl:stylesheet>\n' >"$work/xs/inc.xsl"
cp "$work/xs/inc.xsl" "$work/elsewhere/inc.xsl"
check "xsl:include outside: refused" 2 "$cli" convert "$work/x.md" --stylesheet html="$work/xs/inc.xsl" -o "$work/inc.html"
expect_fixed "xsl:include outside: the refusal names --allow-read" "$work/stderr" "--allow-read"

# --- 14. limits say how to raise them --------------------------------------------------------
check "too-many-elements" 1 "$cli" check --max-elements 3 "$valid"
expect_fixed "too-many-elements: option and key" "$work/stderr" "raise it with --max-elements or [limits] elements"
check "input-too-large" 1 "$cli" check --max-input-size 100 "$valid"
expect_fixed "input-too-large: option and key" "$work/stderr" "raise it with --max-input-size or [limits] input-bytes"
{ cat "$valid"; printf '\n> > > deep\n'; } >"$work/deep.md"
check "nesting-too-deep" 1 "$cli" check --max-depth 2 "$work/deep.md"
expect_fixed "nesting-too-deep: option and key" "$work/stderr" "raise it with --max-depth or [limits] nesting"
printf '[limits]\nnesting = 2\n' >"$work/limits.toml"
check "nesting-too-deep from the configuration" 1 "$cli" check --config "$work/limits.toml" "$work/deep.md"
expect_fixed "nesting-too-deep from the configuration: option and key" "$work/stderr" "[limits] nesting"
paragraph=$(sed -n '/^During the meeting/p' "$valid")
{ sed '$d' "$valid"; for _ in $(seq 12); do printf '%s\n\n' "$paragraph"; done; tail -n1 "$valid"; } >"$work/long.md"
check "too-many-pages" 1 "$cli" convert --max-pages 1 "$work/long.md" -o "$work/long.pdf"
expect_fixed "too-many-pages: option and key" "$work/stderr" "raise it with --max-pages or [limits] pages"

echo "options: $passed passed, $failed failed"
[ "$failed" = 0 ]
