# Shared by the tests of the README's and docs/bulk.md's recipes for many
# machines (parallel_test.sh, slurm_test.sh): sourced after lib.sh. The
# recipes run as written, with `communique` on the PATH (the built one),
# over a generated archive with one invalid release; each is compared with
# one `convert` of the whole archive.
n=60
"$src/tools/gen-archive" "$work/archive" $n --seed 41 --invalid 1 2>/dev/null
mkdir -p "$work/bin"
ln -s "$(realpath "$cli")" "$work/bin/communique"
export PATH="$work/bin:$PATH"

# recipe FILE HEADING WORD: the first fenced code block with WORD in it
# under the heading that begins with HEADING, before the next heading.
recipe() {
  python3 - "$@" <<'PY'
import re, sys
path, heading, word = sys.argv[1], sys.argv[2], sys.argv[3]
lines = open(path, encoding="utf-8").read().split("\n")
under, blocks, block = False, [], None
for line in lines:
    if block is not None:
        if line.startswith("```"):
            blocks.append("\n".join(block) + "\n"); block = None
        else:
            block.append(line)
    elif re.match(r"#+ ", line):
        if under: break
        under = re.sub(r"^#+ ", "", line).startswith(heading)
    elif under and line.startswith("```"):
        block = []
blocks = [b for b in blocks if word in b]
if not blocks:
    sys.exit(f"{path}: no code block with '{word}' under '{heading}'")
sys.stdout.write(blocks[0])
PY
}

# The reference: one convert of the whole archive, in the recipes' formats,
# and its catalog.
single_run() {
  mkdir -p "$work/single/reports"
  cp -a "$work/archive" "$work/single/archive"
  (cd "$work/single" &&
   communique convert archive/ -o site/ --to html,txt,pdf -j 2 --quiet --report reports/all.json
   [ $? = 1 ] || echo "FAIL the single run did not exit 1 for its invalid release"
   communique catalog reports/all.json -o site/ >/dev/null) >"$work/single.log" 2>&1
  grep FAIL "$work/single.log" && fail "single run" || pass
}

# same_as_single DIR: DIR/site holds the same files, byte for byte, as the
# single run's (the catalog's index.html, catalog.json and feed.atom among
# them: they carry no time of their own, their dates are the releases'), the
# manifest the same records; DIR/reports/shard-*.json are disjoint and
# together say of every release what the single run's report says (less
# the time each took).
same_as_single() {
  local dir=$1
  python3 - "$work/single" "$dir" <<'PY' && pass || fail "$dir differs from the single run"
import glob, json, os, sys
single, other = sys.argv[1], sys.argv[2]
def files(root):
    out = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            out[os.path.relpath(path, root)] = open(path, "rb").read()
    return out
a, b = files(os.path.join(single, "site")), files(os.path.join(other, "site"))
bad = 0
for name in sorted(set(a) | set(b)):
    if name == ".communique-manifest":
        la, lb = set(a.get(name, b"").splitlines()), set(b.get(name, b"").splitlines())
        same = la == lb
        for line in sorted(la - lb)[:3]: print("manifest, single run only:", line[:300])
        for line in sorted(lb - la)[:3]: print("manifest, here only:", line[:300])
    else:
        same = a.get(name) == b.get(name)
    if not same:
        print("differs:" if name in a and name in b else "only in one:", name); bad += 1
for must in ("index.html", "catalog.json", "feed.atom", ".communique-manifest"):
    if must not in b:
        print("missing:", must); bad += 1
pdfs = [n for n in b if n.endswith(".pdf")]
def releases(paths):
    out = []
    for p in paths:
        for r in json.load(open(p))["releases"]:
            r.pop("ms", None); out.append(r)
    return out
whole = releases([os.path.join(single, "reports", "all.json")])
shards = sorted(glob.glob(os.path.join(other, "reports", "shard-*.json")))
parts = releases(shards)
if len(shards) != 4:
    print("shard reports:", shards); bad += 1
if len({r["source"] for r in parts}) != len(parts):
    print("a release in two shards"); bad += 1
key = lambda r: r["source"]
if sorted(parts, key=key) != sorted(whole, key=key):
    print("the shards' reports do not say what the single run's says"); bad += 1
invalid = [r["source"] for r in parts if r["status"] != "converted"]
if len(invalid) != 1 or not invalid[0].endswith("-invalid.md"):
    print("failed releases:", invalid); bad += 1
print(f"{other}: {len(b)} files ({len(pdfs)} PDFs), {len(parts)} releases in {len(shards)} shards; {bad} problems")
sys.exit(1 if bad else 0)
PY
}
