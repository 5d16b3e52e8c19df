#!/usr/bin/env bash
# The .docx and HTML readers end to end, through the command: verdicts and
# the facts of every row of fixtures/expected.tsv, twins of Markdown
# fixtures, diagnostics positioned in a .docx, round trips through
# --to html and --to docx, page chrome, --content and [html] content,
# --from, zip bombs, fmt refusing what is not a draft, folder walks.
# Usage: readers_test.sh COMMUNIQUE SOURCE-DIR
set -uo pipefail

# What the readers cannot do yet. Each entry is FILE:CHECK (CHECK is verdict,
# headline, dateline_place, dateline_iso, issuer, genre, lang, twin,
# roundtrip-html or roundtrip-docx). A known miss is counted and printed
# apart; one that passes makes the test fail, so that it leaves this list.
known_misses=(
  # A figure: the .docx writer embeds no image (communique fetches none), so
  # it prints "[Image: alt]" and the caption, which read back as paragraphs.
  fixtures/releases/2024-07-25-mid-year-visitor-figures.md:roundtrip-docx
)

cli=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src" || exit 2
facts_lib=$PWD/tools  # release_facts.py: the facts expected.tsv records, read from XML
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ left in tools/
passed=0 failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
check() {  # check NAME EXPECTED-EXIT COMMAND...
  local name=$1 want=$2; shift 2
  "$@" >"$work/stdout" 2>"$work/stderr"
  local got=$?
  if [ "$got" = "$want" ]; then ok; else fail "$name: exit $got, wanted $want"; cat "$work/stderr"; fi
}
expect() {  # expect NAME FILE PATTERN
  if grep -q -- "$3" "$2"; then ok; else fail "$1: no '$3' in $2:"; cat "$2"; fi
}
headline_of() {  # headline_of XML-FILE: the string value of /release/headline
  python3 - "$1" <<'PY'
import re, sys, xml.etree.ElementTree as ET
try: h = ET.parse(sys.argv[1]).getroot().find("{urn:communique:release:1}headline")
except Exception: h = None
print(re.sub(r"\s+", " ", "".join(h.itertext())).strip() if h is not None else "")
PY
}
field_of() {  # field_of XML-FILE FIELD: one of the facts expected.tsv records
  python3 "$facts_lib/release_facts.py" "$1" "$2"
}
tsv_headline() { awk -F'\t' -v f="$1" '$1 == f { print $3 }' fixtures/expected.tsv; }


# ---------------------------------------------------------------------------
# 1-3, 5: verdicts, facts, twins and round trips, table-driven.
printf '%s\n' "${known_misses[@]}" >"$work/known"
PYTHONPATH=$facts_lib python3 - "$cli" "$work" "$work/known" <<'PY'
import csv, datetime, difflib, glob, os, re, subprocess, sys
import xml.etree.ElementTree as ET

cli, work, known_file = sys.argv[1:4]
known = {k for k in open(known_file).read().split() if k}
seen, counts = set(), {"passed": 0, "failed": 0, "known": 0}
from release_facts import FIELDS, facts

def result(key, good, detail=""):
    seen.add(key)
    if key in known:
        if good:
            counts["failed"] += 1
            print(f"FAIL {key} is in known_misses but passes now: take it off the list")
        else:
            counts["known"] += 1
            print(f"known miss {key}")
    elif good:
        counts["passed"] += 1
    else:
        counts["failed"] += 1
        print(f"FAIL {key}: {detail}")
    return good

def run(*args):
    p = subprocess.run([cli, *args], capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")

def real_date(s):
    try:
        datetime.date.fromisoformat(s)
        return True
    except ValueError:
        return False

rows = list(csv.DictReader(open("fixtures/expected.tsv", encoding="utf-8"), delimiter="\t"))
listed = {r["file"] for r in rows}
for f in sorted(glob.glob("fixtures/docx/*.docx") + glob.glob("fixtures/html/*.html")
                + glob.glob("fixtures/invalid-docx/*.docx")):
    result(f"{f}:in-expected.tsv", f in listed, "no row in fixtures/expected.tsv")

# 1. verdicts
for r in rows:
    want = {"valid": 0, "invalid": 1}[r["verdict"]]
    rc, _, err = run("check", r["file"])
    result(f"{r['file']}:verdict", rc == want, f"check exits {rc}, wanted {want} ({r['verdict']}):\n{err}")

# 2. facts. The XML is read with --accept-invalid so that every field is measured on its own,
# whatever the verdict (the verdict is 1.'s business). An empty dateline_iso in an invalid row
# means "no real date": the XML may carry the impossible date it read (bad-date.docx: 2024-04-31).
right = dict.fromkeys(FIELDS, 0)
misses = dict.fromkeys(FIELDS, 0)
for r in rows:
    rc, out, err = run("convert", r["file"], "--accept-invalid", "--to", "xml", "-o", "-")
    got = facts(out)
    for k in FIELDS:
        want = r[k]
        good = got[k] == want
        if k == "dateline_iso" and want == "" and r["verdict"] == "invalid":
            good = not real_date(got[k])
        right[k] += good
        if not good and f"{r['file']}:{k}" in known:
            misses[k] += 1
        result(f"{r['file']}:{k}", good, f"got {got[k]!r}, wanted {want!r}")
for k in FIELDS:
    print(f"{k} {right[k]}/{len(rows)}" + (f" ({misses[k]} known misses)" if misses[k] else ""))

# 3. twins: byte for byte the Markdown fixture's XML
for r in rows:
    if not r["twin"]:
        continue
    rc_md, md, _ = run("convert", r["twin"], "--to", "xml", "-o", "-")
    rc, xml, err = run("convert", r["file"], "--to", "xml", "-o", "-")
    diff = "".join(list(difflib.unified_diff(md.decode().splitlines(True), xml.decode().splitlines(True),
                                             r["twin"], r["file"]))[:12])
    result(f"{r['file']}:twin", rc_md == 0 and md.startswith(b"<?xml") and rc == 0 and xml == md,
           f"exit {rc}; XML differs from {r['twin']}'s:\n{diff}{err}")

# 5. round trips: Markdown -> html/docx -> XML is the Markdown's XML
for md in sorted(glob.glob("fixtures/releases/*.md")):
    base = os.path.basename(md)[:-3]
    rc_md, want, _ = run("convert", md, "--to", "xml", "-o", "-")
    for fmt in ("html", "docx"):
        out = os.path.join(work, "roundtrip-" + fmt)
        rc1, _, err1 = run("convert", md, "--to", fmt, "-o", out)
        rc2, got, err2 = run("convert", os.path.join(out, f"{base}.{fmt}"), "--to", "xml", "-o", "-")
        diff = "".join(list(difflib.unified_diff(want.decode().splitlines(True), got.decode().splitlines(True),
                                                 md, f"{base}.{fmt}"))[:16])
        result(f"{md}:roundtrip-{fmt}", rc_md == 0 and rc1 == 0 and rc2 == 0 and got == want,
               f"--to {fmt} exit {rc1}, read back exit {rc2}:\n{diff}{err1}{err2}")

for k in sorted(known - seen):
    counts["failed"] += 1
    print(f"FAIL known_misses names {k}, which no check here looks at")
open(os.path.join(work, "counts"), "w").write("%(passed)d %(failed)d %(known)d\n" % counts)
PY
[ -s "$work/counts" ] || { echo "FAIL the table-driven checks did not finish"; echo "0 1 0" >"$work/counts"; }
read -r p f known <"$work/counts"
passed=$((passed + p)) failed=$((failed + f))

# ---------------------------------------------------------------------------
# 4. A diagnostic in a .docx: paragraph:character, no source excerpt.
bad=fixtures/invalid-docx/bad-date.docx
check "bad-date.docx" 1 "$cli" check "$bad"
grep -qxF "$bad:10:13: error[date-invalid]: \"31 April 2024\" is not a real date (2024-04-31)" "$work/stderr" && ok ||
  { fail "bad-date.docx: no exact '$bad:10:13: error[date-invalid]: ...' line:"; cat "$work/stderr"; }
grep -q '|' "$work/stderr" && { fail "bad-date.docx: a source excerpt was printed:"; cat "$work/stderr"; } || ok
# The position is the one Word shows: paragraph 10 of the body, character 13 (python-docx agrees).
/usr/bin/python3 - "$bad" <<'PY' && ok || fail "python-docx does not find \"31 April\" at paragraph 10, character 13"
import docx, sys
p = docx.Document(sys.argv[1]).paragraphs
assert len(p) >= 10 and p[9].text[12:].startswith("31 April 2024"), [x.text for x in p]
PY
check "bad-date.docx json" 1 "$cli" check --format json "$bad"
python3 - "$work/stdout" "$bad" <<'PY' && ok || { fail "bad-date.docx json report"; cat "$work/stdout"; }
import json, sys
d = json.load(open(sys.argv[1]))
[x] = [x for x in d["diagnostics"] if x["rule"] == "date-invalid"]
assert (x["file"], x["line"], x["column"], x["severity"]) == (sys.argv[2], 10, 13, "error"), x
PY
grep -q '"line": 10,' "$work/stdout" && grep -q '"column": 13,' "$work/stdout" && ok ||
  fail "bad-date.docx json: no '\"line\": 10' and '\"column\": 13'"

# ---------------------------------------------------------------------------
# 6. Page chrome stays out of the release.
chrome() {  # chrome PAGE STRING...
  local page=$1; shift
  check "$page" 0 "$cli" convert "$page" --to xml -o -
  local want got s
  want=$(tsv_headline "$page") got=$(headline_of "$work/stdout")
  [ -n "$want" ] && [ "$got" = "$want" ] && ok || fail "$page: headline '$got', wanted '$want'"
  for s in "$@"; do
    grep -qF -- "$s" "$work/stdout" && { fail "$page: page chrome '$s' in the XML"; } || ok
  done
}
chrome fixtures/html/portal-main-job-fair.html "cookies" "Accept all" "Government Portal" "Newsroom" \
  "Press releases" "Share:" "Telegram" "Print" "Official portal" "Accessibility" "Contact us"
chrome fixtures/html/article-related-dance-tour.html "Newsroom" "Media gallery" "Related news" \
  "annual report for 2023" "Photo gallery" "Press and Public Relations Office" "info@media.gov.example"

# ---------------------------------------------------------------------------
# 7. --content and [html] content. On the Blogger page the automatic choice takes the post
# title and timestamp for a release; the post body div holds the real one.
page=fixtures/html/blogger-bridge-link-road.html
xpath='//div[@id="post-body-7731"]'
check "--content" 0 "$cli" check --content "$xpath" "$page"
check "--content convert" 0 "$cli" convert --content "$xpath" "$page" --to xml -o -
cp "$work/stdout" "$work/content-flag.xml"
PYTHONPATH=$facts_lib python3 - "$work/content-flag.xml" "$page" <<'PY' && ok || fail "--content: the release read is not the Blogger page's"
import sys
from release_facts import facts, tsv_row
got, want = facts(open(sys.argv[1], "rb").read()), tsv_row(sys.argv[2])
assert all(got[k] == want[k] for k in got), (got, want)
PY
content_fails() {  # content_fails NAME XPATH-IN-MESSAGE COMMAND...
  local name=$1 xp=$2; shift 2
  "$@" >"$work/stdout" 2>"$work/stderr"
  local got=$?
  [ "$got" = 1 ] || [ "$got" = 2 ] && ok || { fail "$name: exit $got, wanted 1 or 2"; cat "$work/stderr"; }
  grep -qF -- "$xp" "$work/stderr" && ok || { fail "$name: the message does not name $xp:"; cat "$work/stderr"; }
  [ ! -s "$work/stdout" ] || [ "$(head -c5 "$work/stdout")" != "<?xml" ] && ok || fail "$name: XML written"
}
content_fails "--content selecting nothing" '//div[@id="no-such-div"]' \
  "$cli" check --content '//div[@id="no-such-div"]' "$page"
content_fails "convert --content selecting nothing" '//div[@id="no-such-div"]' \
  "$cli" convert --content '//div[@id="no-such-div"]' "$page" --to xml -o -
content_fails "--content not an XPath" '//div[@id=' "$cli" check --content '//div[@id=' "$page"
mkdir -p "$work/site"
cp "$page" "$work/site/post.html"
printf '[html]\ncontent = "%s"\n' '//div[@id=\"post-body-7731\"]' >"$work/site/.communique.toml"
check "[html] content" 0 "$cli" check "$work/site/post.html"
check "[html] content convert" 0 "$cli" convert "$work/site/post.html" --to xml -o -
cmp -s "$work/stdout" "$work/content-flag.xml" && ok || fail "[html] content: XML differs from --content's"
printf '[html]\ncontent = "%s"\n' '//div[@id=\"from-the-config\"]' >"$work/site/.communique.toml"
content_fails "[html] content selecting nothing" '//div[@id="from-the-config"]' \
  "$cli" check "$work/site/post.html"

# ---------------------------------------------------------------------------
# 8. --from
docx=fixtures/docx/2024-05-08-digital-skills-partnership.python-docx.docx
mkdir -p "$work/from"
cp "$docx" "$work/from/release.bin"
"$cli" convert "$docx" --to xml -o - >"$work/from/docx.xml" 2>/dev/null
check ".docx named .bin" 0 "$cli" convert "$work/from/release.bin" --to xml -o -
[ -s "$work/from/docx.xml" ] && cmp -s "$work/stdout" "$work/from/docx.xml" && ok ||
  fail ".docx named .bin: XML differs from the .docx's"
for sub in check convert; do
  extra=(); [ $sub = convert ] && extra=(--to xml -o -)
  "$cli" $sub --from markdown "$docx" "${extra[@]}" >"$work/stdout" 2>"$work/stderr"; rc=$?
  [ "$rc" = 1 ] || [ "$rc" = 2 ] && ok || { fail "$sub --from markdown on a .docx: exit $rc, wanted 1 or 2"; cat "$work/stderr"; }
  grep -q "error" "$work/stderr" && grep -qF "$docx" "$work/stderr" && ok ||
    { fail "$sub --from markdown on a .docx: no error naming the file"; cat "$work/stderr"; }
  [ "$(head -c5 "$work/stdout")" != "<?xml" ] && ok || fail "$sub --from markdown on a .docx: XML written"
done
html=fixtures/html/portal-main-job-fair.html
"$cli" convert "$html" --to xml -o - >"$work/from/html.xml" 2>/dev/null
cp "$html" "$work/from/page.txt"
check "--from html, a .txt page" 0 "$cli" convert --from html "$work/from/page.txt" --to xml -o -
[ -s "$work/from/html.xml" ] && cmp -s "$work/stdout" "$work/from/html.xml" && ok ||
  fail "--from html on a .txt: XML differs from the .html's"
# --from is what decides: the same .txt read as Markdown is no release.
check "--from markdown, a .txt page" 1 "$cli" check --from markdown "$work/from/page.txt"
# A fragment (no doctype, no <html>), which content sniffing need not recognise.
sed -n '/<main/,/<\/main>/p' "$html" >"$work/from/fragment.txt"
check "--from html, a .txt fragment" 0 "$cli" convert --from html "$work/from/fragment.txt" --to xml -o -
[ "$(headline_of "$work/stdout")" = "$(tsv_headline "$html")" ] && ok || fail "--from html on a fragment: wrong headline"
check "--from markdown, the fragment" 1 "$cli" check --from markdown "$work/from/fragment.txt"

# ---------------------------------------------------------------------------
# 9. Zip bombs: a ~1 MB .docx whose word/document.xml inflates to 1 GiB, honestly
# declared, and the same with the sizes in its headers lowered to 4 KiB.
python3 - "$work/bomb.docx" "$work/bomb-lying.docx" <<'PY' || fail "could not build the zip bombs"
import shutil, struct, sys, zipfile
honest, lying = sys.argv[1:3]
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
prefix = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' + W + b'><w:body>'
          b'<w:p><w:r><w:t>KINGDOM OF CAMBODIA</w:t></w:r></w:p><w:p><w:r><w:t>')
types = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
         b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        b'Target="word/document.xml"/></Relationships>')
with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", types)
    z.writestr("_rels/.rels", rels)
    doc = zipfile.ZipInfo("word/document.xml", (2024, 1, 1, 0, 0, 0))
    doc.compress_type = zipfile.ZIP_DEFLATED
    for a in ("_compresslevel", "compress_level"):  # the name changed in Python 3.13
        try: setattr(doc, a, 9)
        except AttributeError: pass
    with z.open(doc, "w") as f:
        f.write(prefix)
        spaces = b" " * (1 << 20)
        for _ in range(1024):
            f.write(spaces)
info = zipfile.ZipFile(honest).getinfo("word/document.xml")
assert info.file_size == len(prefix) + (1 << 30) and info.compress_size < (1 << 20), info
# The lie: uncompressed size 4096 in the local header (offset 22) and the central directory (offset 24).
data = bytearray(open(honest, "rb").read())
assert data[info.header_offset:info.header_offset + 4] == b"PK\x03\x04" and not info.flag_bits & 8
struct.pack_into("<I", data, info.header_offset + 22, 4096)
i = data.index(b"PK\x01\x02")
while data[i + 46:i + 46 + struct.unpack_from("<H", data, i + 28)[0]] != b"word/document.xml":
    i = data.index(b"PK\x01\x02", i + 4)
struct.pack_into("<I", data, i + 24, 4096)
open(lying, "wb").write(data)
assert zipfile.ZipFile(lying).getinfo("word/document.xml").file_size == 4096
PY
# The inflation limit follows the input limit (64 times it): a .docx that
# unpacks to 66 MiB is refused by default (64 MiB) and read with the input
# limit raised to 2 MiB (128 MiB).
python3 - "$work/big.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
               + b" " * (66 << 20) + b"</w:body></w:document>")
PY
"$cli" check "$work/big.docx" >"$work/stdout" 2>"$work/stderr"
expect "a .docx over 64 MiB unpacked is refused by default" "$work/stderr" "error\[input-too-large\]"
"$cli" check --max-input-size 2MiB "$work/big.docx" >"$work/stdout" 2>"$work/stderr"
grep -q "input-too-large" "$work/stderr" && fail "--max-input-size 2MiB did not raise the .docx inflation limit" || ok
for bomb in bomb bomb-lying; do
  size=$(stat -c %s "$work/$bomb.docx" 2>/dev/null || echo 0)
  # Under the default --max-input-size (1 MiB): what is refused is what it inflates to.
  [ "$size" -gt 500000 ] && [ "$size" -lt 1048576 ] && ok || fail "$bomb.docx is $size bytes, wanted ~1 MB"
  /usr/bin/time -f '%e %M' -o "$work/time" "$cli" check "$work/$bomb.docx" >"$work/stdout" 2>"$work/stderr"
  rc=$?
  [ "$rc" = 1 ] && ok || { fail "$bomb.docx: exit $rc, wanted 1"; cat "$work/stderr"; }
  expect "$bomb.docx refused" "$work/stderr" "error\[input-too-large\]"
  expect "$bomb.docx: the message says how to raise the limit" "$work/stderr" "raise it with --max-input-size"
  read -r secs kb < <(tail -n 1 "$work/time")
  awk -v s="$secs" 'BEGIN { exit !(s < 1.0) }' && ok || fail "$bomb.docx: ${secs}s wall, wanted under 1 s"
  [ "${kb:-999999999}" -lt 204800 ] && ok || fail "$bomb.docx: ${kb} KB max RSS, wanted under 200 MB"
  echo "$bomb.docx: ${secs}s, ${kb} KB max RSS"
done

# ---------------------------------------------------------------------------
# 10. fmt rewrites Markdown drafts only: a .docx and a page are left byte for byte.
mkdir -p "$work/fmt"
cp fixtures/docx/hyperlink-evisa.docx fixtures/html/portal-main-job-fair.html "$work/fmt/"
for f in hyperlink-evisa.docx portal-main-job-fair.html; do
  check "fmt $f" 2 "$cli" fmt "$work/fmt/$f"
  [ -s "$work/stderr" ] && ok || fail "fmt $f: no message"
done
cmp -s "$work/fmt/hyperlink-evisa.docx" fixtures/docx/hyperlink-evisa.docx && ok || fail "fmt changed the .docx"
cmp -s "$work/fmt/portal-main-job-fair.html" fixtures/html/portal-main-job-fair.html && ok || fail "fmt changed the page"
[ "$(ls -A "$work/fmt" | wc -l)" = 2 ] && ok || { fail "fmt left files behind:"; ls -A "$work/fmt"; }

# ---------------------------------------------------------------------------
# 11. A folder walk converts drafts, .docx and pages alike (default includes).
mkdir -p "$work/walk/in/sub"
cp fixtures/releases/2024-01-08-kampot-pepper-fair.md "$work/walk/in/draft.md"
cp fixtures/docx/hyperlink-evisa.docx "$work/walk/in/sub/word.docx"
cp fixtures/html/portal-main-job-fair.html "$work/walk/in/page.html"
check "folder walk" 0 "$cli" convert "$work/walk/in" -o "$work/walk/out" --to xml
for pair in draft.md:fixtures/docx/2024-01-08-kampot-pepper-fair.python-docx.docx \
            sub/word.docx:fixtures/docx/hyperlink-evisa.docx page.html:fixtures/html/portal-main-job-fair.html; do
  in=${pair%%:*} row=${pair#*:} out=$work/walk/out/${in%.*}.xml
  [ -s "$out" ] && [ "$(headline_of "$out")" = "$(tsv_headline "$row")" ] && ok ||
    fail "folder walk: $in gave no $out with the headline of $row"
done

# ---------------------------------------------------------------------------
# 12. LibreOffice, live: what it writes as a .docx (from communique's own HTML
# of a draft) reads to the draft's release, and it opens communique's .docx.
if command -v soffice >/dev/null; then
  lo_home=$work/lo-home
  draft=fixtures/releases/2024-05-08-digital-skills-partnership.md
  mkdir -p "$work/lo"
  "$cli" convert "$draft" --to html,docx,xml -o "$work/lo" >/dev/null 2>&1
  base=$work/lo/$(basename "${draft%.md}")
  HOME=$lo_home timeout 120 soffice --headless --infilter="HTML (StarWriter)" \
    --convert-to 'docx:MS Word 2007 XML' --outdir "$work/lo/by-lo" "$base.html" >/dev/null 2>&1
  if [ -s "$work/lo/by-lo/$(basename "$base").docx" ]; then
    check "LibreOffice's .docx checks clean" 0 "$cli" check "$work/lo/by-lo/$(basename "$base").docx"
    "$cli" convert "$work/lo/by-lo/$(basename "$base").docx" --to xml -o - >"$work/lo/by-lo.xml" 2>/dev/null
    for field in headline dateline_place dateline_iso issuer genre; do
      got=$(field_of "$work/lo/by-lo.xml" "$field") want=$(field_of "$base.xml" "$field")
      [ -n "$want" ] && [ "$got" = "$want" ] && ok || fail "LibreOffice's .docx: $field '$got', wanted '$want'"
    done
  else
    fail "LibreOffice wrote no .docx from communique's HTML"
  fi
  HOME=$lo_home timeout 120 soffice --headless --convert-to odt --outdir "$work/lo/odt" "$base.docx" >/dev/null 2>&1
  [ -s "$work/lo/odt/$(basename "$base").odt" ] && ok || fail "LibreOffice did not open communique's .docx"
else
  fail "soffice is missing (tools/install-deps --tests installs libreoffice-writer-nogui)"
fi

echo "readers: $known known misses (of ${#known_misses[@]} listed in known_misses), not counted below"
echo "readers: $passed passed, $failed failed"
[ "$failed" = 0 ]
