#!/usr/bin/env bash
# Every valid fixture's HTML passes the W3C Nu HTML checker with no error.
set -euo pipefail
cli=$1 src=$2 jar=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$cli" convert "$src"/fixtures/releases/*.md --to html -o "$out"
count=$(ls "$out"/*.html | wc -l)
[ "$count" -ge 20 ] || { echo "only $count HTML files were produced"; exit 1; }
java -jar "$jar" --errors-only --also-check-css "$out"/*.html
echo "vnu: $count passed, 0 failed"
