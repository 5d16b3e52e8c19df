# Shared by the bulk runner's tests: sourced with the command, the source
# tree and the Nu checker's jar as $1 $2 $3.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
vnu=${3:-}

py() {  # py NAME SCRIPT ARGS...: a Python check that passes when it exits 0
  local name=$1 script=$2; shift 2
  if python3 -c "$script" "$@"; then pass; else fail "$name"; fi
}
now_ms() { date +%s%3N; }

# The formats an archive team converts to.
formats=html,txt,pdf

temp_files() { find "$1" -name '.~cq-*' | wc -l; }
