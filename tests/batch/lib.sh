# Shared by the bulk runner's tests: sourced with the command, the source
# tree and the Nu checker's jar as $1 $2 $3.
set -uo pipefail
cli=$1 src=$2 vnu=${3:-}
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
passed=0 failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

run() {  # run NAME EXPECTED-EXIT COMMAND...: stdout and stderr in $work/stdout, $work/stderr
  local name=$1 want=$2; shift 2
  "$@" >"$work/stdout" 2>"$work/stderr"
  local got=$?
  if [ "$got" = "$want" ]; then pass; else
    fail "$name: exit $got, wanted $want"; tail -20 "$work/stderr"; fi
}
expect() {  # expect NAME FILE PATTERN
  if grep -q -- "$3" "$2"; then pass; else fail "$1: no '$3' in $2:"; head -20 "$2"; fi
}
py() {  # py NAME SCRIPT ARGS...: a Python check that passes when it exits 0
  local name=$1 script=$2; shift 2
  if python3 -c "$script" "$@"; then pass; else fail "$name"; fi
}
now_ms() { date +%s%3N; }
finish() {
  echo "$(basename "$0" .sh): $passed passed, $failed failed"
  [ "$failed" = 0 ]
}

# The formats: html and txt, and pdf when this build has it.
formats=html,txt
if "$cli" convert --help | grep -q '^ *pdf '; then formats=html,txt,pdf; fi

# Every output under a folder is whole: XML well-formed, HTML ending with
# </html>, text non-empty, PDF ending with %%EOF.
outputs_whole() {
  python3 - "$1" <<'PY'
import os, sys, xml.dom.minidom
bad = 0
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        path = os.path.join(folder, name)
        data = open(path, "rb").read()
        ok = True
        if name.endswith(".xml"):
            try: xml.dom.minidom.parseString(data)
            except Exception: ok = False
        elif name.endswith(".html"):
            ok = data.rstrip().endswith(b"</html>")
        elif name.endswith(".txt"):
            ok = len(data.strip()) > 0
        elif name.endswith(".pdf"):
            ok = data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        if not ok:
            print("truncated or broken:", path); bad += 1
sys.exit(1 if bad else 0)
PY
}
temp_files() { find "$1" -name '.~cq-*' | wc -l; }
