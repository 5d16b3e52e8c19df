#!/usr/bin/env bash
# A whole archive: 200 valid releases in YYYY/MM folders and 5 invalid ones,
# converted with -j 2 at mirrored paths; a second run skips everything;
# editing 3 drafts converts exactly 3; -j1 and -j2 give the same bytes; the
# catalog is valid HTML, JSON and Atom.
source "$(dirname "$0")/lib.sh"

"$src/tools/gen-archive" "$work/archive" 200 --invalid 5 --seed 11 2>/dev/null
cd "$work"

# --- first run -------------------------------------------------------------
t0=$(now_ms)
run "first run exits 1 (5 invalid)" 1 "$cli" convert archive -o out --to "$formats" -j 2 --report r1.json
t1=$(now_ms)
expect "summary counts" stdout "200 converted, 0 skipped \(up to date\), 5 failed"
expect "diagnostics on stderr" stderr "invalid.md:[0-9]*:[0-9]*: error\["
py "mirrored outputs, nothing for the invalid ones, report" '
import json, os, sys
formats = sys.argv[1].split(",")
ext = {"html": ".html", "txt": ".txt", "pdf": ".pdf"}
r = json.load(open("r1.json"))
assert r["version"] == 1, r["version"]
assert r["summary"]["inputs"] == 205 and r["summary"]["failed"] == 5, r["summary"]
by_source = {x["source"]: x for x in r["releases"]}
drafts = []
for folder, _, files in os.walk("archive"):
    drafts += [os.path.relpath(os.path.join(folder, f), "archive") for f in files if f.endswith(".md")]
assert len(drafts) == 205 and set(drafts) == set(by_source), "every input is in the report"
for d in drafts:
    y, m, name = d.split("/")
    assert len(y) == 4 and len(m) == 2
    x = by_source[d]
    stem = os.path.join("out", d[:-3])
    if d.endswith("-invalid.md"):
        assert x["status"] == "failed", x
        assert x["outputs"] == {}, x
        assert not any(os.path.exists(stem + e) for e in ext.values()), "nothing written for " + d
        assert x["diagnostics"], x
        for diag in x["diagnostics"]:
            assert set(diag) >= {"file", "line", "column", "rule", "severity", "message"}, diag
        assert any(dg["severity"] == "error" for dg in x["diagnostics"])
        assert x["diagnostics"][0]["file"] == "archive/" + d
    else:
        assert x["status"] == "converted", x
        for f in formats:
            assert x["outputs"][f] == d[:-3] + ext[f], x["outputs"]
            assert os.path.getsize(stem + ext[f]) > 0, stem
        info = x["info"]
        assert info["date"] and info["headline"] and info["issuer"] and info["genre"], info
        assert isinstance(x["ms"], (int, float))
' "$formats"
if outputs_whole out; then pass; else fail "outputs whole"; fi
[ "$(temp_files out)" = 0 ] && pass || fail "temporary files left"

# --- second run: everything up to date -------------------------------------
t2=$(now_ms)
run "second run" 1 "$cli" convert archive -o out --to "$formats" -j 2 --report r2.json
t3=$(now_ms)
expect "second run skips everything" stdout "0 converted, 200 skipped \(up to date\), 5 failed"
first=$((t1 - t0)) second=$((t3 - t2))
echo "first run ${first} ms, second run ${second} ms"
[ $((second * 3)) -lt "$first" ] && pass || fail "the second run (${second} ms) is not much faster than the first (${first} ms)"
py "skipped releases keep their outputs and info" '
import json
r = json.load(open("r2.json"))
ok = [x for x in r["releases"] if x["status"] == "skipped"]
assert len(ok) == 200
assert all(x["outputs"] and x["info"]["headline"] for x in ok)
'

# --- edit three drafts -----------------------------------------------------
for f in $(find archive -name '*.md' ! -name '*-invalid.md' | sort | head -3); do
  sed -i 's/ the participants / all the participants /' "$f"
  printf '\n' >>"$f"
done
run "after editing 3" 1 "$cli" convert archive -o out --to "$formats" -j 2 --report r3.json
expect "exactly 3 converted" stdout "3 converted, 197 skipped \(up to date\), 5 failed"

# Another format set is another output: nothing is skipped.
run "other formats" 1 "$cli" convert archive -o out --to html -j 2
expect "settings change converts again" stdout "200 converted, 0 skipped"

# --force converts everything again (and brings the formats back).
run "--force" 1 "$cli" convert archive -o out --to "$formats" -j 2 --force
expect "--force" stdout "200 converted, 0 skipped"

# --- -j1 and -j2 give the same bytes ----------------------------------------
mkdir -p one two
(cd one && "$cli" convert ../archive -o out --to "$formats" -j 1 --report report.json --catalog >/dev/null 2>&1)
(cd two && "$cli" convert ../archive -o out --to "$formats" -j 2 --report report.json --catalog >/dev/null 2>&1)
if diff -r one/out two/out >/dev/null; then pass; else fail "-j1 and -j2 outputs differ"; diff -rq one/out two/out | head; fi
py "-j1 and -j2 reports differ only in timings" '
import json, sys
def strip(x):
    if isinstance(x, dict): return {k: strip(v) for k, v in x.items() if k != "ms"}
    if isinstance(x, list): return [strip(v) for v in x]
    return x
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
assert a == b
' one/report.json two/report.json

# --- catalog ------------------------------------------------------------------
run "catalog on an up-to-date archive" 1 "$cli" convert archive -o out --to "$formats" -j 2 --catalog
expect "all skipped" stdout "0 converted, 200 skipped"
expect "catalog summary" stdout "catalog: 200 releases in out/index.html"
if [ -n "$vnu" ]; then
  if java -jar "$vnu" --errors-only --also-check-css out/index.html; then pass; else fail "index.html is not valid HTML"; fi
fi
py "index.html lists and links every release" '
import json, re
html = open("out/index.html", encoding="utf-8").read()
links = set(re.findall(r"href=\"([^\"]+\.html)\"", html))
assert len(links) == 200, len(links)
r = json.load(open("r2.json"))
dates = re.findall(r"<time datetime=\"([0-9-]+)\"", html)
assert dates == sorted(dates, reverse=True), "newest first"
'
py "catalog.json" '
import json
c = json.load(open("out/catalog.json"))
assert c["version"] == 1 and c["count"] == 200 and len(c["releases"]) == 200
dates = [x["date"] for x in c["releases"]]
assert dates == sorted(dates, reverse=True)
for x in c["releases"]:
    assert set(x) >= {"source", "date", "headline", "issuer", "genre", "outputs"}
    assert x["outputs"]["html"].endswith(".html")
'
py "feed.atom is Atom 1.0" '
import re, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
feed = ET.parse("out/feed.atom").getroot()
assert feed.tag == A + "feed"
rfc3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
for el in ("id", "title", "updated"):
    assert feed.find(A + el) is not None and feed.find(A + el).text, "feed/" + el
assert rfc3339.match(feed.find(A + "updated").text)
entries = feed.findall(A + "entry")
assert len(entries) == 50, len(entries)
ids = set()
for e in entries:
    for el in ("id", "title", "updated"):
        assert e.find(A + el) is not None and e.find(A + el).text, "entry/" + el
    assert re.match(r"^(urn|tag):", e.find(A + "id").text)
    ids.add(e.find(A + "id").text)
    assert rfc3339.match(e.find(A + "updated").text)
    alt = [l for l in e.findall(A + "link") if l.get("rel", "alternate") == "alternate"]
    assert len(alt) == 1 and alt[0].get("href")
    assert e.find(A + "author/" + A + "name") is not None or feed.find(A + "author") is not None
assert len(ids) == 50, "ids are unique"
updated = [e.find(A + "updated").text for e in entries]
assert updated == sorted(updated, reverse=True)
assert feed.find(A + "updated").text == updated[0]
'
cmp -s out/feed.atom one/out/feed.atom && pass || fail "the feed changed between runs (ids and dates must be stable)"

finish
