#!/usr/bin/env bash
# examples/convert_folder.c, built against the library, converts a small
# folder of fixtures through the C API's job: the outputs mirror the
# folder, an invalid release is counted and makes the exit 1, and a second
# run finds the rest up to date.
# Usage: convert_folder_test.sh EXAMPLE SOURCE_DIR
source "$(dirname "$0")/../lib.sh" "$1" "$2"
example=$1

in=$work/in out=$work/out
mkdir -p "$in/2024/01" "$in/2024/03"
cp "$src/fixtures/releases/2024-01-08-kampot-pepper-fair.md" "$in/2024/01/"
cp "$src/fixtures/releases/2024-01-19-national-apprenticeship-programme.md" "$in/2024/01/"
cp "$src/fixtures/releases/2024-03-18-rice-export-forum.md" "$in/2024/03/"
cp "$src/fixtures/invalid/impossible-date.md" "$in/"

run "first run" 1 "$example" "$in" "$out" html txt
expect "first run counts" "$work/stdout" '^3 converted, 0 up to date, 1 invalid, 0 failed$'
# Progress is told about ten times a second, and once at the end with every
# release done (and the last one's path).
expect "progress ends with all done" "$work/stderr" '^\[4/4\] '"$in"'/.*\.md$'
for f in 2024/01/2024-01-08-kampot-pepper-fair 2024/03/2024-03-18-rice-export-forum; do
  for ext in html txt; do
    if [ -s "$out/$f.$ext" ]; then pass; else fail "no $out/$f.$ext"; fi
  done
done
if grep -q 'Kampot' "$out/2024/01/2024-01-08-kampot-pepper-fair.html"; then pass; else fail "the HTML lacks its text"; fi
if [ ! -e "$out/impossible-date.html" ]; then pass; else fail "the invalid release was written"; fi

run "second run" 1 "$example" "$in" "$out" html txt
expect "second run counts" "$work/stdout" '^0 converted, 3 up to date, 1 invalid, 0 failed$'

rm "$in/impossible-date.md"
run "all valid" 0 "$example" "$in" "$out" html txt
run "unknown format" 2 "$example" "$in" "$out" docz
expect "unknown format said" "$work/stderr" 'unknown format: docz'
run "nothing to convert" 2 "$example" "$work/nothing" "$work/out2"
expect "nothing said" "$work/stderr" 'convert_folder: '

finish
