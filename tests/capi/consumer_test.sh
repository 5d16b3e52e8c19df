#!/usr/bin/env bash
# Installs the build into a temporary prefix with `cmake --install` and builds
# programs against that tree the way users do:
#   - the tree has libcommunique.so.MAJOR (with that SONAME) and libcommunique.a;
#   - tests/consumer/cpp with find_package(communique CONFIG), against
#     communique::communique (shared) and communique::communique_static, plus
#     examples/ through the CMake package; every program is run;
#   - tests/consumer/c, examples/embed.c and examples/convert_folder.c with
#     cc ... $(pkg-config --cflags --libs communique), which must load the
#     installed shared library, and against the archive with
#     pkg-config --static; all are run;
#   - the installed command runs from its new place and converts
# (the last three by check_installed, consumers.sh, shared with deb_test.sh).
# Usage: consumer_test.sh CMAKE BUILD_DIR SOURCE_DIR LIBDIR MAJOR CC CXX GENERATOR PKG_CONFIG VERSION
#                         WRITERS_MODULE (its path under the prefix, or -)
#                         SANITIZE (-fsanitize=... when the library is instrumented, or -)
set -euo pipefail
# shellcheck source=consumers.sh
. "$(dirname "$0")/consumers.sh"
cmake=$1 build=$2 source=$3 libdir=$4 major=$5 cc=$6 cxx=$7 generator=$8 pkg_config=$9 version=${10}
writers=${11:--}
sanitize=${12:--}
# An instrumented library needs instrumented programs (the asan preset).
extra=()
[ "$sanitize" = - ] || extra=("$sanitize")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

fail() {
  echo "consumer_test: $*" >&2
  exit 1
}

echo "== cmake --install into $prefix"
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "install failed"; }
lib=$prefix/$libdir
[ -f "$lib/libcommunique.so.$version" ] || fail "no libcommunique.so.$version installed"
[ "$(readlink "$lib/libcommunique.so.$major")" = "libcommunique.so.$version" ] \
  || fail "libcommunique.so.$major is not a link to libcommunique.so.$version"
[ "$(readlink "$lib/libcommunique.so")" = "libcommunique.so.$major" ] \
  || fail "libcommunique.so is not a link to .so.$major"
soname=$(LC_ALL=C readelf -d "$lib/libcommunique.so.$version" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libcommunique.so.$major" ] || fail "the shared library's SONAME is '$soname'"
[ -f "$lib/libcommunique.a" ] || fail "no static library installed"
grep -qx communique_c.cpp.o <<<"$(ar t "$lib/libcommunique.a")" || fail "libcommunique.a lacks the C API's object"
check_installed "$prefix" "$libdir" "the installed tree"
echo "consumer_test: all consumers built and ran (shared and static)"
