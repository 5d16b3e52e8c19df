# Shared by the hostile-input shell tests: sourced with the command and the
# source tree as $1 $2.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# A checksum of every file under the folders given (names and contents).
tree_sum() { find "$@" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum; }
# Formats: every text format, and every format.
text_formats=xml,html,txt,draft,nitf
all_formats=$text_formats,fo,pdf
# mount_tmpfs DIR OPTIONS: a small tmpfs (root only); false when not allowed.
mount_tmpfs() {
  mkdir -p "$1"
  if mount -t tmpfs -o "$2" tmpfs "$1" 2>/dev/null; then mounted+=("$1"); return 0; fi
  return 1
}
