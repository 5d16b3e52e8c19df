#!/usr/bin/env bash
# Installs the build into a temporary prefix with `cmake --install` and builds
# programs against that tree the way users do:
#   - tests/consumer/cpp with find_package(communique CONFIG), plus examples/
#     through the CMake package; every program is run;
#   - tests/consumer/c and examples/embed.c with
#     cc ... $(pkg-config [--static] --cflags --libs communique); both are run;
#   - the installed command runs from its new place and converts.
# Usage: consumer_test.sh CMAKE BUILD_DIR SOURCE_DIR LIBDIR static|shared CC CXX GENERATOR PKG_CONFIG VERSION
#                         WRITERS_MODULE (its path under the prefix, or -)
#                         SANITIZE (-fsanitize=... when the library is instrumented, or -)
set -euo pipefail
cmake=$1 build=$2 source=$3 libdir=$4 linkage=$5 cc=$6 cxx=$7 generator=$8 pkg_config=$9 version=${10}
writers=${11:--}
sanitize=${12:--}
# An instrumented library needs instrumented programs (the asan preset).
extra=()
[ "$sanitize" = - ] || extra=("$sanitize")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fixture=$source/fixtures/releases/2024-01-08-kampot-pepper-fair.md
headline="Kampot pepper and salt fair opens with 60 producers"

fail() {
  echo "consumer_test: $*" >&2
  exit 1
}

echo "== cmake --install into $prefix ($linkage)"
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "install failed"; }
case $linkage in
  static) [ -f "$prefix/$libdir/libcommunique.a" ] || fail "no static library installed" ;;
  shared) [ -L "$prefix/$libdir/libcommunique.so" ] || fail "no shared library installed" ;;
esac
# The installed command runs from where it was installed, with what it loads.
if [ "$writers" != - ]; then
  [ -f "$prefix/$writers" ] || fail "the writers module is not installed at $writers"
fi
"$prefix/bin/communique" --version >"$work/version.txt" || fail "the installed command does not run"
grep -qF "$version" "$work/version.txt" || fail "the installed command is not version $version"
"$prefix/bin/communique" convert "$fixture" --to html -o - >"$work/cli.html" || fail "the installed command does not convert"
grep -qF "$headline" "$work/cli.html" || fail "the installed command wrote no headline"

echo "== C++: find_package(communique CONFIG) against the installed tree"
"$cmake" -S "$source/tests/consumer/cpp" -B "$work/cpp" -G "$generator" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
  -DCMAKE_C_FLAGS="${extra[*]}" -DCMAKE_CXX_FLAGS="${extra[*]}" -DCMAKE_EXE_LINKER_FLAGS="${extra[*]}" \
  -DEXPECTED_PREFIX="$prefix" -DEXPECTED_VERSION="$version" \
  -DCOMMUNIQUE_EXAMPLES_DIR="$source/examples" >"$work/cpp-configure.log" 2>&1 \
  || { cat "$work/cpp-configure.log"; fail "the C++ consumer does not configure"; }
"$cmake" --build "$work/cpp" >"$work/cpp-build.log" 2>&1 || { cat "$work/cpp-build.log"; fail "the C++ consumer does not build"; }
"$work/cpp/consumer" || fail "the C++ consumer failed"
"$work/cpp/embed-cpp" "$fixture" >"$work/embed-cpp.html" || fail "examples/embed.cpp failed"
grep -qF "$headline" "$work/embed-cpp.html" || fail "examples/embed.cpp wrote no headline"
"$work/cpp/embed-c" "$fixture" >"$work/embed-c-cmake.html" || fail "examples/embed.c (CMake) failed"
cmp -s "$work/embed-cpp.html" "$work/embed-c-cmake.html" || fail "examples/embed.c and embed.cpp differ"
# A draft with an error: diagnostics on standard error, status 1.
status=0
"$work/cpp/embed-cpp" "$source/fixtures/invalid/impossible-date.md" >/dev/null 2>"$work/embed.err" || status=$?
[ "$status" -eq 1 ] || fail "examples/embed.cpp exited $status on an invalid draft"
grep -qF ":17:13: error[date-invalid]:" "$work/embed.err" || fail "examples/embed.cpp printed no diagnostic"

echo "== C: pkg-config against the installed tree"
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
[ "$("$pkg_config" --modversion communique)" = "$version" ] || fail "pkg-config does not give version $version"
static=""
[ "$linkage" = static ] && static=--static
read -r -a flags <<<"$("$pkg_config" $static --cflags --libs communique)"
for program in tests/consumer/c/main.c examples/embed.c; do
  "$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror "${extra[@]}" "$source/$program" "${flags[@]}" -o "$work/$(basename "$(dirname "$program")")" \
    || fail "$program does not build with: ${flags[*]}"
done
export LD_LIBRARY_PATH="$prefix/$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
"$work/c" || fail "the C consumer failed"
"$work/examples" "$fixture" >"$work/embed-c.html" || fail "examples/embed.c (pkg-config) failed"
cmp -s "$work/embed-cpp.html" "$work/embed-c.html" || fail "examples/embed.c built with pkg-config wrote other HTML"
loaded=$(ldd "$work/c")
if [ "$linkage" = shared ]; then
  # The programs use the installed library, not one from the build tree.
  grep -qF "$prefix/$libdir/libcommunique.so" <<<"$loaded" || fail "the C consumer does not load the installed library"
else
  ! grep -qF libcommunique <<<"$loaded" || fail "the static C consumer loads a shared libcommunique"
fi
echo "consumer_test: all consumers built and ran ($linkage)"
