#!/usr/bin/env bash
# The shared library exports the API's own symbols and nothing else: every
# defined dynamic symbol is in communique::v<major>:: (the C++ API) or starts
# with communique_ (the C API). Hidden visibility keeps out the internals
# (communique::detail), toml++, fmt and the template instances of the
# standard library; a leak here is a symbol that programs could come to
# depend on, or that would clash with their own copy of the same library.
# Usage: exports_test.sh NM LIBRARY MAJOR
set -euo pipefail
nm=$1 library=$2 major=$3

symbols=$("$nm" -D --defined-only -C "$library" | cut -d' ' -f3-)
[ -n "$symbols" ] || { echo "exports_test: $library exports nothing" >&2; exit 1; }
leaked=$(grep -vE "^(communique::v$major::|communique_)" <<<"$symbols" || true)
if [ -n "$leaked" ]; then
  echo "exports_test: $library exports symbols outside the API:" >&2
  echo "$leaked" >&2
  exit 1
fi
for wanted in communique_version communique_convert communique_job_run "communique::v$major::engine::convert" \
  "communique::v$major::job::run"; do
  grep -q "^$wanted" <<<"$symbols" || { echo "exports_test: $wanted is not exported" >&2; exit 1; }
done
echo "exports_test: $(wc -l <<<"$symbols") symbols, all in the API ($(grep -c '^communique_' <<<"$symbols") of the C API)"
