#!/usr/bin/env bash
# Interrupted runs: SIGKILL half-way leaves only whole files (the temporary
# files it leaves are removed by the next run, which completes the job);
# SIGINT and SIGTERM finish the releases in progress, write the report and
# the manifest, and exit 130 and 143.
source "$(dirname "$0")/lib.sh"

n=500
"$src/tools/gen-archive" "$work/archive" $n --seed 5 2>/dev/null
cd "$work"

# start_and_wait OUT EXTRA-ARGS...: starts a run in the background, returns
# once some outputs exist (sets $pid).
start_and_wait() {
  local out=$1; shift
  "$cli" convert archive -o "$out" --to html,txt,xml -j 2 "$@" >"$work/bg.stdout" 2>"$work/bg.stderr" &
  pid=$!
  for _ in $(seq 1 400); do
    [ "$(find "$out" -name '*.html' 2>/dev/null | wc -l)" -ge 60 ] && return 0
    kill -0 $pid 2>/dev/null || return 1
    sleep 0.02
  done
  return 1
}

# --- SIGKILL --------------------------------------------------------------------
if start_and_wait out; then pass; else fail "the run ended before it could be killed"; fi
kill -KILL $pid
wait $pid 2>/dev/null
done_before=$(find out -name '*.html' | wc -l)
echo "killed with $done_before of $n releases written, $(temp_files out) temporary files"
[ "$done_before" -lt $n ] && pass || fail "the run finished before SIGKILL"
if outputs_whole out --temps-allowed; then pass; else fail "a file is truncated after SIGKILL"; fi
# No output under its final name is a temporary file's leftover: names are
# only ever the mirrored ones or the manifest.
stray=$(find out -type f ! -name '*.html' ! -name '*.txt' ! -name '*.xml' ! -name '.communique-manifest' ! -name '.~cq-*' | wc -l)
[ "$stray" = 0 ] && pass || fail "unexpected files after SIGKILL"

# Leftovers of runs that are gone, whatever killed them: a PID that cannot
# exist, and a live process that is not communique (a reused PID).
sleep 30 & sleeper=$!
mkdir -p out/2020
printf 'half' >"out/2020/.~cq-x.html.99999999-0badf00d.tmp"
printf 'half' >"out/.~cq-y.txt.$sleeper-0badf00d.tmp"
run "the next run completes" 0 "$cli" convert archive -o out --to html,txt,xml -j 2 --report after.json
[ "$(temp_files out)" = 0 ] && pass || fail "temporary files survived the next run"
kill $sleeper 2>/dev/null
[ "$(find out -name '*.html' | wc -l)" = $n ] && pass || fail "not every release was converted after the kill"
if outputs_whole out; then pass; else fail "outputs whole after resuming"; fi
py "the resumed run skipped what the killed one finished" '
import json, sys
r = json.load(open("after.json"))
s = r["summary"]
assert s["skipped"] >= int(sys.argv[1]) - 2 and s["skipped"] > 0, s   # at most the releases in flight are redone
assert s["skipped"] + s["converted"] == int(sys.argv[2]), s
' "$done_before" $n

# A torn last manifest line (a crash mid-append) is ignored.
printf '{"source":"2020/01/x.md","inp' >>out/.communique-manifest
run "torn manifest line" 0 "$cli" convert archive -o out --to html,txt,xml -j 2
expect "torn line ignored" stdout "0 converted, $n skipped"

# --- SIGINT and SIGTERM ---------------------------------------------------------
for sig in INT TERM; do
  want=$([ $sig = INT ] && echo 130 || echo 143)
  rm -rf "out-$sig"
  if start_and_wait "out-$sig" --report "$sig.json"; then pass; else fail "the run ended before SIG$sig"; fi
  kill -$sig $pid
  wait $pid
  got=$?
  [ "$got" = "$want" ] && pass || fail "SIG$sig: exit $got, wanted $want"
  expect "SIG$sig: said so" bg.stdout "interrupted by SIG$sig"
  [ "$(temp_files "out-$sig")" = 0 ] && pass || fail "SIG$sig left temporary files"
  if outputs_whole "out-$sig"; then pass; else fail "SIG$sig: outputs whole"; fi
  py "SIG$sig: report written, the manifest has every converted release" '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["interrupted"] == "SIG" + sys.argv[2], r["interrupted"]
s = r["summary"]
assert s["not_started"] > 0 and s["converted"] > 0, s
conv = {x["source"] for x in r["releases"] if x["status"] == "converted"}
lines = open(sys.argv[3] + "/.communique-manifest").read().splitlines()
recorded = {json.loads(l)["source"] for l in lines[1:]}
assert conv == recorded, (len(conv), len(recorded))
' "$sig.json" $sig "out-$sig"
  run "SIG$sig: the next run completes" 0 "$cli" convert archive -o "out-$sig" --to html,txt,xml -j 2
  [ "$(find "out-$sig" -name '*.html' | wc -l)" = $n ] && pass || fail "SIG$sig: not completed"
done

finish
