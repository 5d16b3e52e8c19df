#!/usr/bin/env bash
# Characters the stylesheet's fonts lack, end to end through the command:
# an emoji is drawn by a fallback font (Symbola, embedded as a subset) and
# the conversion succeeds without a word; a character no installed font
# has is drawn as the missing-glyph box, the PDF is still written, and a
# glyph-missing warning points at the character's line and column in the
# draft (inside emphasis too). The configuration can turn the warning off
# or into an error.
# Usage: glyphs_test.sh COMMAND SOURCE_DIR PDFFONTS PDFTOTEXT
source "$(dirname "$0")/../lib.sh"
pdffonts=$3 pdftotext=$4

draft=$src/fixtures/releases/2024-01-19-national-apprenticeship-programme.md
check_mark=$'\u2705'
# Private use, plane 16: in no font.
nowhere=$'\xf4\x8f\xbf\xbd'
grep -q "^National apprenticeship programme opens" "$draft" || fail "the fixture's headline changed"
grep -q "presided over by \*\*Lok Chumteav" "$draft" || fail "the fixture's second paragraph changed"

# The column a text starts at on a line of ASCII before it.
column_of() {  # column_of FILE LINE TEXT
  sed -n "$2p" "$1" | awk -v t="$3" '{ print index($0, t) }'
}

# ---- an emoji: a fallback font has it ------------------------------------------------------------
mkdir -p "$work/emoji"
sed "s/^National apprenticeship programme opens/National apprenticeship programme $check_mark opens/" "$draft" \
  >"$work/emoji/release.md"
run "check with an emoji" 0 "$cli" check "$work/emoji/release.md"
run "convert with an emoji" 0 "$cli" convert "$work/emoji/release.md" --to pdf -o "$work/emoji/out"
if grep -q "glyph-missing" "$work/stderr"; then
  fail "an emoji a font has was warned about"; cat "$work/stderr"
else pass; fi
pdf=$work/emoji/out/release.pdf
if [ -s "$pdf" ]; then
  "$pdffonts" "$pdf" >"$work/fonts" 2>&1
  # name type encoding emb sub uni: Symbola embedded as a subset (ABCDEF+ and "yes yes").
  expect "Symbola is embedded as a subset" "$work/fonts" '^[A-Z]{6}\+Symbola +CID TrueType +Identity-H +yes +yes +yes'
  "$pdftotext" -enc UTF-8 "$pdf" "$work/text"
  expect "the emoji reads back" "$work/text" "programme $check_mark opens"
else
  fail "no PDF for the release with an emoji"
fi

# ---- a character no font has: the box, and a warning at its place ---------------------------------
mkdir -p "$work/none"
sed -e "s/^National apprenticeship programme opens/National apprenticeship programme ${nowhere} opens/" \
    -e "s/presided over by \*\*Lok Chumteav/presided over by **Lok ${nowhere}Chumteav/" \
    "$draft" >"$work/none/release.md"
headline_line=$(grep -n "^National apprenticeship programme" "$work/none/release.md" | cut -d: -f1)
bold_line=$(grep -n "presided over by" "$work/none/release.md" | cut -d: -f1)
headline_column=$(column_of "$work/none/release.md" "$headline_line" "$nowhere")
bold_column=$(column_of "$work/none/release.md" "$bold_line" "$nowhere")
[ "$headline_column" = 35 ] && [ "$bold_column" = 48 ] && pass ||
  fail "the test's draft: columns $headline_column and $bold_column, wanted 35 and 48"

run "check with a character no font has" 0 "$cli" check "$work/none/release.md"
run "convert with a character no font has" 0 "$cli" convert "$work/none/release.md" --to pdf -o "$work/none/out"
expect "a warning at the headline's character" "$work/stderr" \
  "release\.md:$headline_line:$headline_column: warning\[glyph-missing\]: no installed font has a glyph for U\+10FFFD"
expect "a warning at the character inside bold" "$work/stderr" \
  "release\.md:$bold_line:$bold_column: warning\[glyph-missing\]"
pdf=$work/none/out/release.pdf
if [ -s "$pdf" ] && outputs_whole "$work/none/out"; then
  pass
  "$pdftotext" -enc UTF-8 "$pdf" "$work/text"
  expect "the character still reads back" "$work/text" "programme $nowhere opens"
else
  fail "no whole PDF for the release with a character no font has"
fi

# The report carries the warning with its span: the one character.
run "convert --report" 0 "$cli" convert "$work/none/release.md" --to pdf -o "$work/none/json" \
  --report "$work/none/report.json"
if python3 - "$work/none/report.json" "$headline_line" "$headline_column" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
hits = [x for r in d["releases"] for x in r["diagnostics"] if x["rule"] == "glyph-missing"]
line, column = int(sys.argv[2]), int(sys.argv[3])
assert any(x["line"] == line and x["column"] == column and x["end_line"] == line and x["end_column"] == column + 1
           and x["severity"] == "warning" for x in hits), hits
assert d["summary"]["converted"] == 1 and d["summary"]["failed"] == 0, d["summary"]
PY
then pass; else fail "the report lacks the warning"; fi

# Release XML has no spans of its own: the character is found from its
# element's line.
run "the draft as XML" 0 "$cli" convert "$work/none/release.md" --to xml -o "$work/none/release.xml"
xml_line=$(grep -n "<headline>" "$work/none/release.xml" | cut -d: -f1)
xml_column=$(column_of "$work/none/release.xml" "$xml_line" "$nowhere")
[ "${xml_column:-0}" -gt 12 ] && pass || fail "the XML's headline has no character no font has"
run "convert the XML" 0 "$cli" convert "$work/none/release.xml" --to pdf -o "$work/none/xml"
expect "a warning at the XML's character" "$work/stderr" \
  "release\.xml:$xml_line:$xml_column: warning\[glyph-missing\]"

# The configuration decides, as for any rule: off is silent, error fails.
printf '[rules]\nglyph-missing = "off"\n' >"$work/none/.communique.toml"
run "glyph-missing off" 0 "$cli" convert "$work/none/release.md" --to pdf -o "$work/none/off"
if grep -q "glyph-missing" "$work/stderr"; then fail "glyph-missing off still warns"; cat "$work/stderr"; else pass; fi
printf '[rules]\nglyph-missing = "error"\n' >"$work/none/.communique.toml"
run "glyph-missing as an error" 1 "$cli" convert "$work/none/release.md" --to pdf -o "$work/none/error"
expect "the error is at the character" "$work/stderr" \
  "release\.md:$headline_line:$headline_column: error\[glyph-missing\]"
if [ -e "$work/none/error/release.pdf" ]; then
  fail "a PDF was written although glyph-missing is an error"
else pass; fi

finish
