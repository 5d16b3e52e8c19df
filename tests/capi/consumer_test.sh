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
#   - the installed command runs from its new place and converts.
# Usage: consumer_test.sh CMAKE BUILD_DIR SOURCE_DIR LIBDIR MAJOR CC CXX GENERATOR PKG_CONFIG VERSION
#                         WRITERS_MODULE (its path under the prefix, or -)
#                         SANITIZE (-fsanitize=... when the library is instrumented, or -)
set -euo pipefail
cmake=$1 build=$2 source=$3 libdir=$4 major=$5 cc=$6 cxx=$7 generator=$8 pkg_config=$9 version=${10}
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
"$work/cpp/consumer-static" || fail "the C++ consumer linked with communique::communique_static failed"
# Each target gives what it says: the installed shared object, or none.
grep -qF "$lib/libcommunique.so.$major" <<<"$(ldd "$work/cpp/consumer")" \
  || fail "communique::communique does not load the installed libcommunique.so.$major"
! grep -qF libcommunique <<<"$(ldd "$work/cpp/consumer-static")" \
  || fail "communique::communique_static loads a shared libcommunique"
"$work/cpp/embed-cpp" "$fixture" >"$work/embed-cpp.html" || fail "examples/embed.cpp failed"
grep -qF "$headline" "$work/embed-cpp.html" || fail "examples/embed.cpp wrote no headline"
"$work/cpp/embed-c" "$fixture" >"$work/embed-c-cmake.html" || fail "examples/embed.c (CMake) failed"
cmp -s "$work/embed-cpp.html" "$work/embed-c-cmake.html" || fail "examples/embed.c and embed.cpp differ"
"$work/cpp/embed-c-static" "$fixture" >"$work/embed-c-static.html" || fail "examples/embed.c (CMake, static) failed"
cmp -s "$work/embed-cpp.html" "$work/embed-c-static.html" || fail "examples/embed.c linked statically wrote other HTML"
# A draft with an error: diagnostics on standard error, status 1.
status=0
"$work/cpp/embed-cpp" "$source/fixtures/invalid/impossible-date.md" >/dev/null 2>"$work/embed.err" || status=$?
[ "$status" -eq 1 ] || fail "examples/embed.cpp exited $status on an invalid draft"
grep -qF ":17:13: error[date-invalid]:" "$work/embed.err" || fail "examples/embed.cpp printed no diagnostic"

echo "== C: pkg-config against the installed tree"
export PKG_CONFIG_PATH="$lib/pkgconfig"
[ "$("$pkg_config" --modversion communique)" = "$version" ] || fail "pkg-config does not give version $version"
# The shared library, as a user types it.
read -r -a flags <<<"$("$pkg_config" --cflags --libs communique)"
for program in tests/consumer/c/main.c examples/embed.c; do
  "$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror "${extra[@]}" "$source/$program" "${flags[@]}" \
    -o "$work/$(basename "$(dirname "$program")")" || fail "$program does not build with: ${flags[*]}"
done
"$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror "${extra[@]}" "$source/examples/convert_folder.c" "${flags[@]}" \
  -o "$work/convert-folder" || fail "examples/convert_folder.c does not build with: ${flags[*]}"
# The archive: named before -lcommunique, it defines every symbol first, so
# that --as-needed drops the shared library; pkg-config --static adds the
# libraries the archive needs (Requires.private, Libs.private).
archive="$("$pkg_config" --variable=libdir communique)/libcommunique.a"
read -r -a static_flags <<<"$("$pkg_config" --static --cflags --libs communique)"
"$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror "${extra[@]}" "$source/tests/consumer/c/main.c" -Wl,--as-needed \
  "$archive" "${static_flags[@]}" -o "$work/c-static" || fail "main.c does not build with $archive ${static_flags[*]}"
"$work/c-static" || fail "the C consumer linked with the archive failed"
! grep -qF libcommunique <<<"$(ldd "$work/c-static")" \
  || fail "the C consumer linked with the archive loads libcommunique.so"

export LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
"$work/c" || fail "the C consumer failed"
"$work/examples" "$fixture" >"$work/embed-c.html" || fail "examples/embed.c (pkg-config) failed"
cmp -s "$work/embed-cpp.html" "$work/embed-c.html" || fail "examples/embed.c built with pkg-config wrote other HTML"
# A folder through the installed library's job.
mkdir -p "$work/folder/2024"
cp "$fixture" "$work/folder/2024/"
"$work/convert-folder" "$work/folder" "$work/folder-out" html >"$work/convert-folder.out" 2>/dev/null \
  || fail "examples/convert_folder.c (pkg-config) failed"
grep -qx "1 converted, 0 up to date, 0 invalid, 0 failed" "$work/convert-folder.out" \
  || fail "examples/convert_folder.c counted otherwise: $(cat "$work/convert-folder.out")"
[ -s "$work/folder-out/2024/$(basename "${fixture%.md}").html" ] || fail "examples/convert_folder.c wrote no HTML"
# The programs use the installed library, not one from the build tree.
grep -qF "$lib/libcommunique.so.$major" <<<"$(ldd "$work/c")" \
  || fail "the C consumer does not load the installed library"
echo "consumer_test: all consumers built and ran (shared and static)"
