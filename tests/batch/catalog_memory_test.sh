#!/usr/bin/env bash
# The catalog's memory does not grow with the archive (issue #24): 4,000
# releases converted to text with -j 2, with and without --catalog. A
# catalog made from one tree of every release (and the stylesheets' result
# trees of every release) took about 10 MB more a thousand releases, 40 MB
# here; made in parts, it takes the sorted list of entries and one part's
# trees, under 16 MB here. The catalog's pieces, streamed, make the same
# files as the library's write_catalog, which returns them whole.
source "$(dirname "$0")/lib.sh"

"$src/tools/gen-archive" "$work/archive" 4000 --seed 24 2>/dev/null
cd "$work"

peak=0
peak_kb() {  # peak_kb NAME COMMAND...: the command's peak resident set in KB in $peak
  local name=$1; shift
  peak=0
  if /usr/bin/time -f %M -o peak.txt "$@" >/dev/null 2>"stderr.$name"; then peak=$(tail -1 peak.txt); pass; else
    fail "$name: exit $?"; tail -5 "stderr.$name"; fi
}
peak_kb plain "$cli" convert archive -o plain --to txt -j 2 -q
plain=$peak
peak_kb catalog "$cli" convert archive -o out --to txt -j 2 -q --catalog
with=$peak
echo "peak: $plain KB without --catalog, $with KB with it"
if [ "$plain" -gt 0 ] && [ "$with" -gt 0 ] && [ $((with - plain)) -lt 16384 ]; then pass; else
  fail "--catalog took $((with - plain)) KB more than the conversion alone (at most 16384 KB)"; fi

py "the catalog lists every release" '
import json
c = json.load(open("out/catalog.json"))
assert c["count"] == 4000 and len(c["releases"]) == 4000, c["count"]
assert len({r["source"] for r in c["releases"]}) == 4000
html = open("out/index.html", encoding="utf-8").read()
assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>") and html.endswith("</main>\n</body>\n</html>\n")
assert html.count("<tr>") == 4000 + html.count("<section>"), "a row a release, a head row a year"
assert html.count("<section>") == html.count("</section>") and html.count("<tbody>") == html.count("</tbody>")
'
[ "$(temp_files out)" = 0 ] && pass || fail "temporary files left in out/"
finish
