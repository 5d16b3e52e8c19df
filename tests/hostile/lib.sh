# Shared by the hostile-input shell tests: sourced with the command and the
# source tree as $1 $2.
set -uo pipefail
cli=$1 src=$2
work=$(mktemp -d)
mounted=()
cleanup() {
  for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null; done
  chmod -R u+w "$work" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0 skipped=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
skip() { skipped=$((skipped + 1)); echo "SKIP $*"; }

run() {  # run NAME EXPECTED-EXIT COMMAND...: stdout and stderr in $work/stdout, $work/stderr
  local name=$1 want=$2; shift 2
  "$@" >"$work/stdout" 2>"$work/stderr"
  local got=$?
  if [ "$got" = "$want" ]; then pass; else
    fail "$name: exit $got, wanted $want"; tail -20 "$work/stderr"; fi
}
expect() {  # expect NAME FILE PATTERN (extended regex)
  if grep -Eq -- "$3" "$2"; then pass; else fail "$1: no '$3' in $2:"; head -20 "$2"; fi
}
finish() {
  echo "$(basename "$0" .sh): $passed passed, $failed failed, $skipped skipped"
  [ "$failed" = 0 ]
}
# A checksum of every file under the folders given (names and contents).
tree_sum() { find "$@" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum; }
# Formats: every text format, and pdf when this build has it.
text_formats=xml,html,txt,draft,nitf
all_formats=$text_formats
if "$cli" convert --help | grep -Eq '^ +pdf '; then all_formats=$text_formats,pdf; fi
# Every output under a folder is whole: XML well-formed, HTML ending with
# </html>, text non-empty, PDF ending with %%EOF; no temporary file left.
outputs_whole() {
  python3 - "$1" <<'PY'
import os, sys, xml.dom.minidom
bad = 0
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        path = os.path.join(folder, name)
        data = open(path, "rb").read()
        ok = True
        if name.startswith(".~cq-") or name.endswith(".tmp"):
            ok = False
        elif name.endswith(".xml"):
            try: xml.dom.minidom.parseString(data)
            except Exception: ok = False
        elif name.endswith(".html"):
            ok = data.rstrip().endswith(b"</html>")
        elif name.endswith(".txt") or name.endswith(".md"):
            ok = len(data.strip()) > 0
        elif name.endswith(".pdf"):
            ok = data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        if not ok:
            print("truncated, broken or temporary:", path); bad += 1
sys.exit(1 if bad else 0)
PY
}
# mount_tmpfs DIR OPTIONS: a small tmpfs (root only); false when not allowed.
mount_tmpfs() {
  mkdir -p "$1"
  if mount -t tmpfs -o "$2" tmpfs "$1" 2>/dev/null; then mounted+=("$1"); return 0; fi
  return 1
}
