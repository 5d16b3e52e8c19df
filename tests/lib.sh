# Shared by the shell tests (tests/batch, tests/hostile): sourced with the
# command and the source tree as $1 $2. A scratch folder $work (removed at
# exit, with any tmpfs mounted in it), pass/fail/skip counters, and checks
# of a command's exit status, its output and the files it wrote.
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

# outputs_whole DIR [--temps-allowed]: every output under DIR is whole (XML
# well-formed, HTML ending with </html>, text non-empty, PDF ending with
# %%EOF), and no temporary file is left unless allowed (right after a
# SIGKILL, before the next run sweeps them).
outputs_whole() {
  python3 - "$@" <<'PY'
import os, sys, xml.dom.minidom
temps_allowed = "--temps-allowed" in sys.argv[2:]
bad = 0
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        path = os.path.join(folder, name)
        temporary = name.startswith(".~cq-")
        if temporary:
            ok = temps_allowed
        else:
            data = open(path, "rb").read()
            ok = True
            if name.endswith(".xml"):
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
