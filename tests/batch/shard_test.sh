#!/usr/bin/env bash
# --shard K/N: the shards split the archive with no overlap and their union
# is everything; shards may write to one output folder at the same time;
# `communique catalog` merges their reports into one catalog.
source "$(dirname "$0")/lib.sh"

n=150
"$src/tools/gen-archive" "$work/archive" $n --seed 23 2>/dev/null
cd "$work"

# Both shards at once, into the same folder: the manifest takes both.
"$cli" convert archive -o out --to html,txt -j 1 --shard 1/2 --report s1.json >s1.out 2>s1.err &
p1=$!
"$cli" convert archive -o out --to html,txt -j 1 --shard 2/2 --report s2.json >s2.out 2>s2.err &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
[ "$r1$r2" = 00 ] && pass || { fail "shards exit $r1 and $r2"; cat s1.err s2.err; }
expect "shard in the summary" s1.out "^shard 1/2: "
py "no overlap, union is everything" '
import json, os, sys
a, b = (json.load(open(p)) for p in ("s1.json", "s2.json"))
sa = {x["source"] for x in a["releases"]}
sb = {x["source"] for x in b["releases"]}
everything = set()
for folder, _, files in os.walk("archive"):
    everything |= {os.path.relpath(os.path.join(folder, f), "archive") for f in files if f.endswith(".md")}
assert sa and sb, (len(sa), len(sb))
assert not (sa & sb), "overlap"
assert sa | sb == everything, (len(sa | sb), len(everything))
assert a["shard"] == {"index": 1, "count": 2} and b["shard"] == {"index": 2, "count": 2}
assert all(x["status"] == "converted" for x in a["releases"] + b["releases"])
print(f"shard 1: {len(sa)}, shard 2: {len(sb)}")
'
# The same split on a second computation (another machine).
"$cli" convert archive -o out3 --to html -j 2 --shard 1/2 --report s1b.json >/dev/null 2>&1
py "the split is deterministic" '
import json
a, b = (json.load(open(p)) for p in ("s1.json", "s1b.json"))
assert [x["source"] for x in a["releases"]] == [x["source"] for x in b["releases"]]
'
run "an unsharded run after both shards skips everything" 0 "$cli" convert archive -o out --to html,txt -j 2
expect "both shards recorded" stdout "0 converted, $n skipped"

# Many shards ending at once each compact the manifest: a run that waited
# for the lock while another compacted must compact the new file, not the
# one it opened, or what was appended meanwhile is lost (before that was
# so, 16 shards of 32 releases lost records in a third of the rounds).
"$src/tools/gen-archive" "$work/small" 32 --seed 7 2>/dev/null
lost=0
for round in $(seq 20); do
  rm -rf many
  for k in $(seq 16); do "$cli" convert small -o many --to txt -j 1 --quiet --shard $k/16 >/dev/null 2>&1 & done
  wait
  records=$(grep -c '"source"' many/.communique-manifest)
  [ "$records" = 32 ] || { lost=$((lost + 1)); echo "round $round: $records of 32 records"; }
done
[ $lost = 0 ] && pass || fail "16 shards at once lost manifest records in $lost of 20 rounds"

run "catalog from shard reports" 0 "$cli" catalog s1.json s2.json -o out
expect "merged catalog" stdout "catalog: $n releases in out/index.html"
py "the merged catalog has every release once" '
import json
c = json.load(open("out/catalog.json"))
assert c["count"] == int(__import__("sys").argv[1]) and len({x["source"] for x in c["releases"]}) == c["count"]
' $n
if [ -n "$vnu" ]; then
  java -jar "$vnu" --errors-only out/index.html && pass || fail "merged index.html is not valid HTML"
fi
# The reports may be merged anywhere, but the links then lead nowhere: said.
run "catalog elsewhere" 0 "$cli" catalog s1.json s2.json -o elsewhere
expect "missing outputs are pointed out" stderr "not under elsewhere"
run "a file that is no report" 2 "$cli" catalog archive -o out
run "bad --shard" 2 "$cli" convert archive -o out --shard 3/2
run "bad --shard text" 2 "$cli" convert archive -o out --shard one/2

finish
