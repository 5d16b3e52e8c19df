#!/usr/bin/env bash
# Every valid fixture's canonical XML validates against schemas/release.xsd
# with xmllint, a validator independent of communique's own use of libxml2.
set -euo pipefail
cli=$1 src=$2 xmllint=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$cli" convert "$src"/fixtures/releases/*.md --to xml -o "$out"
count=0
for xml in "$out"/*.xml; do
  "$xmllint" --noout --nonet --schema "$src/schemas/release.xsd" "$xml"
  count=$((count + 1))
done
[ "$count" -ge 20 ] || { echo "only $count XML files were produced"; exit 1; }
echo "$count files valid against release.xsd"
