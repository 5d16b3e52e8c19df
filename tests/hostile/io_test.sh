#!/usr/bin/env bash
# I/O failures seen from the command: a full standard output (/dev/full), a
# closed one, a full disk, a read-only or vanished folder each end in an
# error message and a non-zero exit, never a silent success or a
# half-written file; the inputs are never modified, and an output that would
# overwrite its own input is refused whatever the path looks like.
source "$(dirname "$0")/lib.sh"

valid=$src/fixtures/releases/2024-05-08-digital-skills-partnership.md
cd "$work"
mkdir -p in
cp "$valid" in/x.md
cp "$src/fixtures/releases/2024-04-12-km-trade-delegation.md" in/km.md
cp "$src/tests/golden/releases/2024-05-08-digital-skills-partnership.xml" in/r.xml
before=$(tree_sum in "$src/fixtures")

# --- a full or closed standard output -------------------------------------------------
run "convert -o - to /dev/full" 2 sh -c '"$0" convert in/x.md --to xml -o - >/dev/full' "$cli"
expect "/dev/full explained" stderr "No space left on device|cannot write|write error"
run "convert from stdin to /dev/full" 2 sh -c '"$0" convert - --to txt -o - <in/x.md >/dev/full' "$cli"
expect "/dev/full explained (stdin)" stderr "No space left on device|cannot write|write error"
run "convert -o - with stdout closed" 2 sh -c '"$0" convert in/x.md --to xml -o - >&-' "$cli"
[ -s stderr ] && pass || fail "closed stdout: no message"
# check's reports go to standard output too (a release with a warning, so
# that every format has something to say and would otherwise exit 0).
cp "$src/fixtures/invalid/date-after-dateline.md" warned.md
for format in json sarif github; do
  "$cli" check --format "$format" warned.md >/dev/full 2>stderr
  code=$?
  [ "$code" = 2 ] && pass || fail "check --format $format to /dev/full: exit $code, wanted 2 (a lost report must not pass)"
  [ -s stderr ] && pass || fail "check --format $format to /dev/full: no message"
done
"$cli" check --list-rules >/dev/full 2>stderr
[ $? != 0 ] && pass || fail "check --list-rules to /dev/full: exit 0"

# --- a full disk ------------------------------------------------------------------------
if mount_tmpfs "$work/full" size=256k; then
  # Leave ~12 KiB: some outputs may fit, the rest cannot. (With the filler
  # gone, all fifteen outputs fit: tmpfs takes a 4 KiB page a file at least.)
  dd if=/dev/zero of=full/filler bs=1k count=244 status=none 2>/dev/null
  run "a full disk" 2 "$cli" convert in/x.md in/km.md in/r.xml --to "$text_formats" -o full/out
  expect "full disk explained" stderr "No space left on device"
  outputs_whole full/out && pass || fail "half-written or temporary files on a full disk"
  run "stdout into a file on a full disk" 2 sh -c '"$0" convert in/km.md --to html -o - >full/km.html' "$cli"
  expect "full disk explained (stdout)" stderr "No space left on device|cannot write|write error"
  rm -f full/filler full/km.html
  # With room again, the same run succeeds: nothing was left in the way.
  run "the same run with room" 0 "$cli" convert in/x.md in/km.md in/r.xml --to "$text_formats" -o full/out
  outputs_whole full/out && pass || fail "broken outputs after the disk had room again"
else
  skip "no tmpfs mount here (not root?): the full-disk case is covered by /dev/full only"
fi

# --- a read-only folder ---------------------------------------------------------------------
mkdir -p ro
if mount_tmpfs "$work/ro" size=64k,ro; then
  run "a read-only output folder" 2 "$cli" convert in/x.md --to html -o ro
  expect "read-only explained" stderr "Read-only file system"
  run "a folder to create on a read-only disk" 2 "$cli" convert in/x.md --to html -o ro/sub
  expect "read-only explained (new folder)" stderr "Read-only file system"
elif [ "$(id -u)" != 0 ]; then
  chmod a-w ro
  run "a read-only output folder" 2 "$cli" convert in/x.md --to html -o ro
  expect "read-only explained" stderr "Permission denied"
  chmod u+w ro
else
  skip "root without mount: no read-only folder can be made"
fi

# --- a vanished folder ---------------------------------------------------------------------
mkdir -p gone
run "the working folder vanished" 2 sh -c 'cd gone && rmdir ../gone && "$0" convert "$1" --to html -o out' "$cli" \
  "$work/in/x.md"
[ -s stderr ] && pass || fail "vanished folder: no message"
printf 'x' >afile
run "the output folder is under a file" 2 "$cli" convert in/x.md --to html -o afile/out
expect "not a directory explained" stderr "afile/out"
[ "$(cat afile)" = x ] && pass || fail "a file in the way was changed"

# --- never overwrite an input ---------------------------------------------------------------
ln -s in link
for out in "in" "in/" "in/." "./in" "$work/in" "link" "in/../in"; do
  listing=$(ls -la in | sha256sum)
  run "draft into its own folder (-o $out)" 2 "$cli" convert in/x.md --to draft -o "$out"
  expect "refusal explained (-o $out)" stderr "overwrite"
  [ "$(ls -la in | sha256sum)" = "$listing" ] && pass || fail "-o $out: the input folder changed"
done
run "draft into its own folder, relative" 2 sh -c 'cd in && "$0" convert x.md --to draft -o .' "$cli"
run "xml into its own folder with others" 2 "$cli" convert in/x.md in/r.xml --to xml,html -o in
[ ! -e in/x.html ] && [ ! -e in/r.html ] && pass || fail "outputs written before the refusal"

# The inputs are exactly as they were.
[ "$(tree_sum in "$src/fixtures")" = "$before" ] && pass || fail "an input was modified"
finish
