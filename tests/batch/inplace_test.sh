#!/usr/bin/env bash
# A folder converted into itself (issue 19, item 2): `convert drafts -o
# drafts` writes the outputs beside the drafts; a later run never reads them
# (nor an earlier run's other formats, nor the catalog) as inputs; the
# manifest is communique's hidden file. An empty folder, or a walk that
# matches nothing, is an error.
source "$(dirname "$0")/lib.sh"

cd "$work"
a=$src/fixtures/releases/2024-05-08-digital-skills-partnership.md
b=$src/fixtures/releases/2024-01-08-kampot-pepper-fair.md
mkdir -p drafts/2024
cp "$a" drafts/a.md
cp "$b" drafts/2024/b.md

# --- in place ----------------------------------------------------------------------
run "convert drafts -o drafts" 0 "$cli" convert drafts -o drafts --to html,txt,xml
for f in drafts/a.html drafts/a.txt drafts/a.xml drafts/2024/b.html drafts/2024/b.txt drafts/2024/b.xml; do
  [ -s "$f" ] && pass || fail "in place: $f not written"
done
expect "in place: two converted" stdout "^2 converted, 0 skipped \(up to date\), 0 failed"
[ "$(ls -A drafts | grep -v '^2024$' | grep -v '^a\.' | tr '\n' ' ')" = ".communique-manifest " ] && pass ||
  fail "in place: something other than the outputs and the hidden manifest: $(ls -A drafts)"
cmp -s drafts/a.md "$a" && pass || fail "in place: a draft changed"

run "in place, again" 0 "$cli" convert drafts -o drafts --to html,txt,xml
expect "again: the outputs are not inputs" stdout "^0 converted, 2 skipped \(up to date\), 0 failed"

run "in place, another format" 0 "$cli" convert drafts -o drafts --to pdf
expect "another format: only the drafts" stdout "^2 converted, 0 skipped \(up to date\), 0 failed"
[ -s drafts/a.pdf ] && pass || fail "another format: a.pdf not written"
# The .txt, .xml and .html of the first run are no longer asked for, and
# still no inputs.
run "in place, the first formats again" 0 "$cli" convert drafts -o drafts --to txt --report r.json
expect "the first formats again: only the drafts" stdout "^2 converted, 0 skipped \(up to date\), 0 failed"
py "the report lists the drafts alone" '
import json
r = json.load(open("r.json"))
assert sorted(x["source"] for x in r["releases"]) == ["2024/b.md", "a.md"], [x["source"] for x in r["releases"]]'

run "in place, --catalog" 0 "$cli" convert drafts -o drafts --to html --catalog
[ -s drafts/index.html ] && pass || fail "--catalog in place: no index.html"
run "in place after --catalog" 0 "$cli" convert drafts -o drafts --to html
expect "the catalog is no input" stdout "^0 converted, 2 skipped \(up to date\), 0 failed"

# A folder inside one converted in place: its drafts, not the outputs
# beside them.
run "a folder inside one converted in place" 0 "$cli" convert drafts/2024 -o out-sub --to html
expect "inside: only the draft" stdout "^1 converted, 0 skipped \(up to date\), 0 failed"

# A draft added later is converted; a user's HTML page that communique did
# not write is still an input.
cp "$b" drafts/c.md
cp drafts/a.html drafts/page.html
run "in place, new inputs" 0 "$cli" convert drafts -o drafts --to txt
expect "new inputs: the drafts and the page, no output" stdout "^4 converted, 0 skipped \(up to date\), 0 failed"
[ -s drafts/c.txt ] && [ -s drafts/page.txt ] && pass || fail "new inputs: c.txt or page.txt missing"

# An input where the catalog would go is refused, not overwritten.
mkdir -p site
cp "$a" site/x.md
cp drafts/a.html site/index.html
cp site/index.html index.before
run "an input where --catalog writes" 2 "$cli" convert site -o site --to txt --catalog
expect "an input where --catalog writes: said" stderr "index.html: refusing to overwrite the input with the catalog"
cmp -s site/index.html index.before && pass || fail "the input index.html was overwritten"

# --- nothing to convert ----------------------------------------------------------------
mkdir -p empty
run "an empty folder" 2 "$cli" convert empty -o out-empty
expect "an empty folder: said" stderr "no releases found"
[ ! -e out-empty ] && pass || fail "an empty folder: the output folder was left"
run "an include that matches nothing" 2 "$cli" convert drafts --include '*.zzz' -o out-none
expect "an include that matches nothing: said" stderr "no releases found.*--include"
run "an empty folder in place" 2 "$cli" convert empty -o empty
[ -z "$(ls -A empty)" ] && pass || fail "an empty folder in place: left $(ls -A empty)"
# Of 8 shards of two releases, some are empty: that is no error, it is said,
# and the report is written for `communique catalog`.
empties=0
for k in 1 2 3 4 5 6 7 8; do
  run "shard $k/8 of two" 0 "$cli" convert empty drafts/2024 "$a" -o "out-shard" --shard $k/8 --report "shard-$k.json"
  [ -s "shard-$k.json" ] && pass || fail "shard $k/8: no report"
  grep -q "shard $k/8 was empty: none of the 2 releases falls to it" stderr && empties=$((empties + 1))
done
[ "$empties" -ge 6 ] && pass || fail "empty shards: $empties said so, wanted 6"
run "a glob the shell left as it is" 2 "$cli" convert 'nothing-*.md' -o out-glob
expect "a glob the shell left: said" stderr "nothing-\*\.md"

finish
