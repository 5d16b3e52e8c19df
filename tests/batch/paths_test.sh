#!/usr/bin/env bash
# Names and folders: output paths stay inside the output folder whatever the
# input names hold (.., absolute paths, control characters); walking
# (includes, excludes, hidden files, symbolic links and their loops, the
# output folder inside the archive); clashes; unwritable and full output
# folders; plain file arguments and --accept-invalid.
source "$(dirname "$0")/lib.sh"

valid=$src/fixtures/releases/2024-05-08-digital-skills-partnership.md
invalid=$src/fixtures/invalid/missing-dateline.md
cd "$work"
mounted=()
cleanup_mounts() { for m in "${mounted[@]}"; do umount "$m" 2>/dev/null; done; }
trap 'cleanup_mounts; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# --- --files-from with hostile names ---------------------------------------------
mkdir -p in sub
cp "$valid" in/a.md
cp "$valid" "in/new"$'\n'"line.md"
cp "$valid" "in/esc"$'\x1b'"[31m.md"
cp "$valid" "in/ spaced name.md"
touch marker
sleep 0.01
(cd sub && printf '%s\0' ../in/a.md "$work/in/a.md" "../in/new"$'\n'"line.md" "../in/esc"$'\x1b'"[31m.md" \
  "./../in/ spaced name.md" "../../..$work/in/a.md" |
  "$cli" convert --files-from - -o ../out --to html --report ../names.json >../stdout 2>../stderr)
[ $? = 0 ] && pass || { fail "--files-from with odd names"; cat stderr; }
outside=$(find "$work" -newer marker -type f ! -path "$work/out/*" ! -name stdout ! -name stderr ! -name names.json)
[ -z "$outside" ] && pass || fail "written outside the output folder: $outside"
for f in "out/__/in/a.html" "out/${work#/}/in/a.html" "out/__/in/new_line.html" "out/__/in/esc_[31m.html" \
  "out/__/in/ spaced name.html" "out/__/__/__${work}/in/a.html"; do
  [ -s "$f" ] && pass || fail "expected $f"
done
py "every output path in the report is relative and inside" '
import json
r = json.load(open("names.json"))
for x in r["releases"]:
    for p in x["outputs"].values():
        assert not p.startswith("/") and ".." not in p.split("/"), p
        assert not any(ord(c) < 32 for c in p), repr(p)
'
printf '%s\n' ../in/a.md "$work/in/a.md" >list.txt
(cd sub && "$cli" convert --files-from ../list.txt -o ../out2 --to txt >/dev/null 2>&1)
[ -s out2/__/in/a.txt ] && [ -s "out2/${work#/}/in/a.txt" ] && pass || fail "newline-separated --files-from"
run "--files-from a missing list" 2 "$cli" convert --files-from nope.txt -o out3

# --- walking -----------------------------------------------------------------------
mkdir -p arc/2019/03 arc/2020 arc/notes arc/.git arc/drafts
cp "$valid" arc/2019/03/a.md
cp "$valid" arc/2020/b.markdown
cp "$valid" arc/notes/n.txt
cp "$valid" arc/.git/hidden.md
cp "$valid" arc/2020/page.rtf
cp "$valid" arc/drafts/c.md
run "default includes" 0 "$cli" convert arc -o w1 --to txt --report w1.json
py "*.md *.markdown *.txt *.xml, hidden skipped, mirrored" '
import json
r = json.load(open("w1.json"))
assert sorted(x["source"] for x in r["releases"]) == ["2019/03/a.md", "2020/b.markdown", "drafts/c.md", "notes/n.txt"], r["releases"]
'
[ -s w1/2019/03/a.txt ] && [ -s w1/2020/b.txt ] && pass || fail "mirrored paths"
run "--exclude a folder, --include with a /" 0 "$cli" convert arc -o w2 --to txt --exclude notes --include '20*/*.m*' --include 'c.md' --report w2.json
py "globs" '
import json
r = json.load(open("w2.json"))
assert sorted(x["source"] for x in r["releases"]) == ["2019/03/a.md", "2020/b.markdown", "drafts/c.md"], r["releases"]
'
run "the output folder inside the archive" 0 "$cli" convert arc -o arc/out --to txt
run "... is never walked" 0 "$cli" convert arc -o arc/out --to txt
expect "outputs are not inputs" stdout "0 converted, 4 skipped"
[ ! -e arc/out/out ] && pass || fail "the output folder was walked"

# Symbolic links: skipped unless followed; loops end.
mkdir -p links/2020
cp "$valid" links/2020/a.md
ln -s .. links/2020/loop
ln -s 2020/a.md links/linked.md
ln -s nowhere.md links/broken.md
run "links not followed" 0 "$cli" convert links -o l1 --to txt
expect "links counted" stderr "3 symbolic links not followed"
expect "one release" stdout "1 converted"
run "links followed, loop ended" 0 timeout 20 "$cli" convert links -o l2 --to txt --follow-symlinks
expect "the loop is reported" stderr "already walked"
expect "the broken link is reported" stderr "broken symbolic link"
expect "two releases" stdout "2 converted"

# Two inputs, one output name: the first in order keeps it.
mkdir -p clash
cp "$valid" clash/x.md
cp "$valid" clash/x.txt
run "a clash is refused" 2 "$cli" convert clash -o c1 --to html
expect "clash explained" stderr "would overwrite that of clash/x.md"
# --catalog keeps its names.
mkdir -p cat && cp "$valid" cat/index.md
run "the catalog's names are kept" 2 "$cli" convert cat -o c2 --to html --catalog
expect "reserved name explained" stderr "where --catalog writes"

# --- plain files, stdin, --accept-invalid -------------------------------------------
run "a plain file is named after itself" 0 "$cli" convert "$valid" -o p1 --to html,txt
[ -s p1/2024-05-08-digital-skills-partnership.html ] && pass || fail "plain file output"
run "stdin" 0 "$cli" convert - -o p1 --to xml <"$valid"
[ -s p1/stdin.xml ] && pass || fail "stdin output"
run "invalid" 1 "$cli" convert "$invalid" -o p2 --to html
[ ! -e p2/missing-dateline.html ] && pass || fail "an invalid release was written"
run "--accept-invalid" 0 "$cli" convert "$invalid" -o p2 --to html --accept-invalid --report p2.json
[ -s p2/missing-dateline.html ] && pass || fail "--accept-invalid wrote nothing"
py "converted-invalid in the report, with its diagnostics" '
import json
[x] = json.load(open("p2.json"))["releases"]
assert x["status"] == "converted-invalid" and any(d["rule"] == "dateline-missing" for d in x["diagnostics"]), x
'

# --- unwritable and full output folders ---------------------------------------------
printf 'x' >afile
run "OUT under a file" 2 "$cli" convert arc -o afile/out --to txt
expect "clear error" stderr "afile/out: cannot create the output folder"
run "OUT is a file" 2 "$cli" convert arc -o afile --to txt
expect "clear error" stderr "afile: cannot create the output folder"
# A folder the outputs need is a file: those releases fail, the others go on.
mkdir -p blocked && printf 'x' >blocked/2019
run "a blocked subfolder" 2 "$cli" convert arc -o blocked --to txt --report blocked.json
py "only the blocked release failed, with the errno message" '
import json
r = json.load(open("blocked.json"))
st = {x["source"]: (x["status"], x["error"]) for x in r["releases"]}
assert st["2019/03/a.md"][0] == "failed" and "Not a directory" in st["2019/03/a.md"][1], st
assert sum(1 for s, _ in st.values() if s == "converted") == 3, st
'
mkdir -p ro
if mount --bind ro ro 2>/dev/null && mount -o remount,bind,ro ro 2>/dev/null; then
  mounted+=("$work/ro")
  run "a read-only OUT" 2 "$cli" convert arc -o ro --to txt
  expect "read-only explained" stderr "ro: the output folder cannot be written: .*Read-only file system"
else
  echo "(no read-only bind mount here: skipped)"
fi
mkdir -p full
if mount -t tmpfs -o size=64k tmpfs full 2>/dev/null; then
  mounted+=("$work/full")
  "$src/tools/gen-archive" big 60 --seed 3 2>/dev/null
  run "a full disk stops the run" 2 "$cli" convert big -o full --to html,txt -j 2 --report full.json
  expect "full disk explained" stderr "No space left on device"
  if outputs_whole full; then pass; else fail "half-written files on a full disk"; fi
  [ "$(temp_files full)" = 0 ] && pass || fail "temporary files on a full disk"
  py "the run stopped early" '
import json
s = json.load(open("full.json"))["summary"]
assert s["not_started"] > 0 and s["failed"] >= 1, s
'
else
  echo "(no tmpfs mount here: full disk skipped)"
fi

finish
