#!/usr/bin/env bash
# Output paths stay inside the output folder whatever the input names hold:
# "..", absolute paths, newlines and other control characters, names that
# look like the runner's own files, very long names, given through
# --files-from (NUL- and newline-separated). (tests/batch/paths_test.sh
# covers the runner's naming scheme; this checks the guarantee.)
source "$(dirname "$0")/lib.sh"

valid=$src/fixtures/releases/2024-05-08-digital-skills-partnership.md
cd "$work"
mkdir -p in/deep/er sub elsewhere
long=$(printf 'n%.0s' $(seq 1 240))
names=(a.md "new"$'\n'"line.md" "tab"$'\t'"name.md" "esc"$'\x1b'"[2J.md" ".communique-manifest.md" ".~cq-x.1-2.tmp.md"
       "back\\slash.md" "-dash.md" "...md" "$long.md" "deep/er/b.md" "latin1-"$'\xe9'".md" "space .md")
for n in "${names[@]}"; do cp "$valid" "in/$n"; done
before=$(tree_sum in)

# Every name, reached by relative, absolute, dotted and escaping paths.
{
  for n in "${names[@]}"; do printf '%s\0' "../in/$n"; done
  printf '%s\0' "$work/in/a.md" "../../../../../../..$work/in/a.md" "./../in/deep/../a.md" \
    "../in/deep/er/../../a.md" "..//in///a.md" "../in/./a.md"
} >sub/list0
touch marker
sleep 0.01
(cd sub && "$cli" convert --files-from list0 -o ../out --to "$all_formats" --report ../report.json >../stdout 2>../stderr)
code=$?
[ "$code" = 0 ] || [ "$code" = 2 ] && pass || { fail "--files-from with hostile names: exit $code"; tail stderr; }
outside=$(find "$work" -newer marker ! -type d ! -path "$work/out/*" ! -name stdout ! -name stderr ! -name report.json)
[ -z "$outside" ] && pass || fail "written outside the output folder: $outside"
[ "$(tree_sum in)" = "$before" ] && pass || fail "an input was modified"
count=$(find out -type f ! -name '.communique-manifest' | wc -l)
[ "$count" -ge 10 ] && pass || fail "only $count outputs"
# No output path holds a control character, a ".." component, or a name
# the runner keeps for itself.
python3 - "$work/out" <<'PY' && pass || fail "bad output names"
import os, sys
root = sys.argv[1]
bad = 0
for folder, dirs, files in os.walk(root):
    for name in dirs + files:
        rel = os.path.relpath(os.path.join(folder, name), root)
        if any(c < " " or c == "\x7f" for c in rel) or ".." in rel.split(os.sep):
            print("bad output path:", repr(rel)); bad += 1
        if name.startswith(".") and name != ".communique-manifest":
            print("hidden output:", repr(rel)); bad += 1
    for name in files:
        real = os.path.realpath(os.path.join(folder, name))
        if not real.startswith(os.path.realpath(root) + os.sep):
            print("outside:", real); bad += 1
sys.exit(1 if bad else 0)
PY
python3 - report.json <<'PY' && pass || fail "report paths"
import json, sys
r = json.load(open(sys.argv[1]))
for x in r["releases"]:
    for p in x.get("outputs", {}).values():
        assert not p.startswith("/") and ".." not in p.split("/"), p
        assert not any(ord(c) < 32 for c in p), repr(p)
PY

# Newline-separated lists: a name with a newline cannot be listed, but
# nothing escapes either.
printf '%s\n' "../in/a.md" "$work/in/deep/er/b.md" "../../..$work/in/a.md" "" "   " >sub/list1
touch marker2
sleep 0.01
(cd sub && "$cli" convert --files-from list1 -o ../out1 --to html >../stdout 2>../stderr)
outside=$(find "$work" -newer marker2 ! -type d ! -path "$work/out1/*" ! -name stdout ! -name stderr)
[ -z "$outside" ] && pass || fail "newline list: written outside the output folder: $outside"

# A folder listed, a missing file, a FIFO: errors, nothing written outside.
mkfifo in/fifo.md
printf '%s\0' "$work/in/deep" "$work/in/missing.md" "$work/in/fifo.md" "$work/in/a.md" >sub/list2
touch marker3
sleep 0.01
(cd sub && timeout 20 "$cli" convert --files-from list2 -o ../out2 --to txt >../stdout 2>../stderr)
code=$?
[ "$code" -le 2 ] && pass || fail "odd list entries: exit $code"
outside=$(find "$work" -newer marker3 ! -type d ! -path "$work/out2/*" ! -name stdout ! -name stderr)
[ -z "$outside" ] && pass || fail "odd entries: written outside the output folder: $outside"
[ -s out2/"${work#/}"/in/a.txt ] && pass || fail "the good entry after odd ones was not converted"
finish
