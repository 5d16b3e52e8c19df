# shellcheck shell=bash disable=SC2154  # the caller sets the variables listed below
# Sourced by consumer_test.sh (a `cmake --install` tree) and deb_test.sh (the
# .deb packages installed into a root of their own): both check an installed
# communique the same way, whatever put it there.
#
# check_installed PREFIX LIBDIR WHAT
#   PREFIX is the installed prefix (bin/, include/, LIBDIR/), WHAT says what
#   it is in messages ("the installed tree", "the packages"). Checks that
#   - the installed command runs from its place, with its writers module, and
#     converts;
#   - tests/consumer/cpp with find_package(communique CONFIG), against
#     communique::communique (shared) and communique::communique_static, plus
#     examples/ through the CMake package, builds; every program is run;
#   - tests/consumer/c, examples/embed.c and examples/convert_folder.c build
#     with cc ... $(pkg-config --cflags --libs communique) and load the
#     installed shared library, and main.c links with the archive through
#     pkg-config --static; all are run.
# The caller sets cmake, cc, cxx, generator, pkg_config, source, version,
# major, writers (its path under the prefix, or -), extra (an array: flags for
# instrumented programs, or none), work (a scratch folder) and defines fail.

check_installed() {
  local prefix=$1 what=$3
  local lib=$prefix/$2
  local fixture=$source/fixtures/releases/2024-01-08-kampot-pepper-fair.md
  local headline="Kampot pepper and salt fair opens with 60 producers"
  local out=$work/consumers
  mkdir -p "$out"

  # The installed command runs from where it was installed, with what it loads.
  if [ "$writers" != - ]; then
    [ -f "$prefix/$writers" ] || fail "the writers module is not installed at $writers"
  fi
  "$prefix/bin/communique" --version >"$out/version.txt" || fail "the installed command does not run"
  grep -qF "$version" "$out/version.txt" || fail "the installed command is not version $version"
  "$prefix/bin/communique" convert "$fixture" --to html -o - >"$out/cli.html" \
    || fail "the installed command does not convert"
  grep -qF "$headline" "$out/cli.html" || fail "the installed command wrote no headline"

  echo "== C++: find_package(communique CONFIG) against $what"
  "$cmake" -S "$source/tests/consumer/cpp" -B "$out/cpp" -G "$generator" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
    -DCMAKE_C_FLAGS="${extra[*]}" -DCMAKE_CXX_FLAGS="${extra[*]}" -DCMAKE_EXE_LINKER_FLAGS="${extra[*]}" \
    -DEXPECTED_PREFIX="$prefix" -DEXPECTED_VERSION="$version" \
    -DCOMMUNIQUE_EXAMPLES_DIR="$source/examples" >"$out/cpp-configure.log" 2>&1 \
    || { cat "$out/cpp-configure.log"; fail "the C++ consumer does not configure"; }
  "$cmake" --build "$out/cpp" >"$out/cpp-build.log" 2>&1 \
    || { cat "$out/cpp-build.log"; fail "the C++ consumer does not build"; }
  "$out/cpp/consumer" || fail "the C++ consumer failed"
  "$out/cpp/consumer-static" || fail "the C++ consumer linked with communique::communique_static failed"
  # Each target gives what it says: the installed shared object, or none.
  grep -qF "$lib/libcommunique.so.$major" <<<"$(ldd "$out/cpp/consumer")" \
    || fail "communique::communique does not load the installed libcommunique.so.$major"
  ! grep -qF libcommunique <<<"$(ldd "$out/cpp/consumer-static")" \
    || fail "communique::communique_static loads a shared libcommunique"
  "$out/cpp/embed-cpp" "$fixture" >"$out/embed-cpp.html" || fail "examples/embed.cpp failed"
  grep -qF "$headline" "$out/embed-cpp.html" || fail "examples/embed.cpp wrote no headline"
  "$out/cpp/embed-c" "$fixture" >"$out/embed-c-cmake.html" || fail "examples/embed.c (CMake) failed"
  cmp -s "$out/embed-cpp.html" "$out/embed-c-cmake.html" || fail "examples/embed.c and embed.cpp differ"
  "$out/cpp/embed-c-static" "$fixture" >"$out/embed-c-static.html" || fail "examples/embed.c (CMake, static) failed"
  cmp -s "$out/embed-cpp.html" "$out/embed-c-static.html" || fail "examples/embed.c linked statically wrote other HTML"
  # A draft with an error: diagnostics on standard error, status 1.
  local status=0
  "$out/cpp/embed-cpp" "$source/fixtures/invalid/impossible-date.md" >/dev/null 2>"$out/embed.err" || status=$?
  [ "$status" -eq 1 ] || fail "examples/embed.cpp exited $status on an invalid draft"
  grep -qF ":17:13: error[date-invalid]:" "$out/embed.err" || fail "examples/embed.cpp printed no diagnostic"

  echo "== C: pkg-config against $what"
  local -x PKG_CONFIG_PATH="$lib/pkgconfig"
  [ "$("$pkg_config" --modversion communique)" = "$version" ] || fail "pkg-config does not give version $version"
  # The shared library, as a user types it.
  local -a flags static_flags
  read -r -a flags <<<"$("$pkg_config" --cflags --libs communique)"
  local program
  for program in tests/consumer/c/main.c examples/embed.c examples/convert_folder.c; do
    "$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror "${extra[@]}" "$source/$program" "${flags[@]}" \
      -o "$out/$(basename "$program" .c)" || fail "$program does not build with: ${flags[*]}"
  done
  # The archive: named before -lcommunique, it defines every symbol first, so
  # that --as-needed drops the shared library; pkg-config --static adds the
  # libraries the archive needs (Requires.private, Libs.private).
  local archive
  archive="$("$pkg_config" --variable=libdir communique)/libcommunique.a"
  [ "$archive" -ef "$lib/libcommunique.a" ] || fail "pkg-config's libdir is not $lib"
  read -r -a static_flags <<<"$("$pkg_config" --static --cflags --libs communique)"
  "$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror "${extra[@]}" "$source/tests/consumer/c/main.c" -Wl,--as-needed \
    "$archive" "${static_flags[@]}" -o "$out/main-static" || fail "main.c does not build with $archive ${static_flags[*]}"
  "$out/main-static" || fail "the C consumer linked with the archive failed"
  ! grep -qF libcommunique <<<"$(ldd "$out/main-static")" \
    || fail "the C consumer linked with the archive loads libcommunique.so"

  local -x LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  "$out/main" || fail "the C consumer failed"
  "$out/embed" "$fixture" >"$out/embed-c.html" || fail "examples/embed.c (pkg-config) failed"
  cmp -s "$out/embed-cpp.html" "$out/embed-c.html" || fail "examples/embed.c built with pkg-config wrote other HTML"
  # A folder through the installed library's job.
  mkdir -p "$out/folder/2024"
  cp "$fixture" "$out/folder/2024/"
  "$out/convert_folder" "$out/folder" "$out/folder-out" html >"$out/convert-folder.out" 2>/dev/null \
    || fail "examples/convert_folder.c (pkg-config) failed"
  grep -qx "1 converted, 0 up to date, 0 invalid, 0 failed" "$out/convert-folder.out" \
    || fail "examples/convert_folder.c counted otherwise: $(cat "$out/convert-folder.out")"
  [ -s "$out/folder-out/2024/$(basename "${fixture%.md}").html" ] || fail "examples/convert_folder.c wrote no HTML"
  # The programs use the installed library, not one from elsewhere.
  grep -qF "$lib/libcommunique.so.$major" <<<"$(ldd "$out/main")" \
    || fail "the C consumer does not load the installed library"
}
