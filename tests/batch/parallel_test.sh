#!/usr/bin/env bash
# The GNU parallel recipe of the README (the same as docs/bulk.md's), run as
# written: 4 shards at once into one folder, then one catalog from their
# reports. Its files and catalog are those of one convert of the archive.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/recipes.sh"
command -v parallel >/dev/null || { fail "GNU parallel is not installed (tools/install-deps --tests)"; finish; exit; }
export HOME=$work/home  # parallel keeps its state under ~/.parallel

recipe "$src/README.md" "Archives" "parallel " >"$work/readme.sh"
recipe "$src/docs/bulk.md" "GNU parallel" "parallel " >"$work/bulk.sh"
cmp -s "$work/readme.sh" "$work/bulk.sh" && pass || fail "the README's and docs/bulk.md's GNU parallel recipes differ"
grep -q '^parallel ' "$work/readme.sh" && pass || fail "the README's recipe runs no parallel"

single_run
mkdir -p "$work/parallel"
cp -a "$work/archive" "$work/parallel/archive"
(cd "$work/parallel" && bash "$work/readme.sh") >"$work/parallel.log" 2>&1
# The catalog, the recipe's last command, exits 0 whatever the shards did.
[ $? = 0 ] && pass || { fail "the recipe fails:"; tail -20 "$work/parallel.log"; }
expect "the catalog has every valid release" "$work/parallel.log" "^catalog: $n releases in site/index.html"
expect "the invalid release is reported" "$work/parallel.log" "invalid.md:[0-9]+:[0-9]+: error"
same_as_single "$work/parallel"

finish
