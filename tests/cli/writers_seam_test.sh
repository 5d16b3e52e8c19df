#!/usr/bin/env bash
# The writers' seam (src/write/writers_entry.h): the module exports its one
# C entry point and nothing else; a module of another build is refused with a
# message that says so, and `check` never opens the module at all.
set -uo pipefail
cli=$1 module=$2 fake=$3 nm=$4 src=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
release="$src/fixtures/releases/2024-05-08-digital-skills-partnership.md"

exports=$("$nm" -D --defined-only "$module" | awk '{print $3}' | paste -sd' ')
if [ "$exports" = "communique_writers_v1" ]; then pass; else fail "the module exports: $exports"; fi

COMMUNIQUE_WRITERS_MODULE=$fake "$cli" convert "$release" --to html -o "$work/out" >/dev/null 2>"$work/stderr"
status=$?
if [ "$status" = 2 ]; then pass; else fail "convert with another build's module: exit $status, wanted 2"; fi
if grep -qF "is not of this build of communique: it has table version 999 from another build" "$work/stderr"; then
  pass; else fail "convert with another build's module: no message"; cat "$work/stderr"; fi
if [ ! -e "$work/out/2024-05-08-digital-skills-partnership.html" ]; then pass; else fail "an HTML was written"; fi

if COMMUNIQUE_WRITERS_MODULE=$fake "$cli" check "$release" >/dev/null 2>&1; then pass; else
  fail "check fails with another build's module: it must not open it"; fi

if "$cli" convert "$release" --to html -o "$work/good" >/dev/null 2>&1 &&
  [ -s "$work/good/2024-05-08-digital-skills-partnership.html" ]; then pass; else fail "convert with the module"; fi

echo "writers-seam: $passed passed, $failed failed"
[ "$failed" = 0 ]
