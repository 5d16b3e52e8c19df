#!/usr/bin/env bash
# Makes the .deb with cpack into a temporary folder and checks, with
# dpkg-deb, its name, version, declared dependencies and that it holds the
# command, the library, the headers and the CMake and pkg-config files.
# Usage: deb_test.sh CPACK BUILD_DIR VERSION LIBDIR static|shared WRITERS_MODULE (path under the prefix, or -)
set -euo pipefail
cpack=$1 build=$2 version=$3 libdir=$4 linkage=$5 writers=${6:--}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "deb_test: $*" >&2
  exit 1
}

"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$work" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log"; fail "cpack failed"; }
debs=("$work"/*.deb)
[ "${#debs[@]}" -eq 1 ] && [ -f "${debs[0]}" ] || fail "cpack made no single .deb: ${debs[*]}"
deb=${debs[0]}
echo "deb_test: $(basename "$deb")"

[ "$(dpkg-deb -f "$deb" Package)" = communique ] || fail "the package is not named communique"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "the package's version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "deb_test: Depends: $depends"
# The package names, without version constraints, one a line.
names=$(sed -e 's/ *([^)]*)//g' -e 's/, */\n/g' <<<"$depends")
for package in libc6 libstdc++6 libxml2 libxslt1.1 libcmark-gfm0.29.0.gfm.6 libicu72 fonts-symbola; do
  grep -qxF "$package" <<<"$names" || fail "Depends does not name $package"
done

dpkg-deb -c "$deb" | awk '{ print $6 }' >"$work/contents"
want=(
  ./usr/bin/communique
  ./usr/include/communique/communique.h
  ./usr/include/communique/communique.hpp
  ./usr/include/communique/diagnostic.hpp
  ./usr/include/communique/export.hpp
  ./usr/include/communique/version.hpp
  "./usr/$libdir/cmake/communique/communiqueConfig.cmake"
  "./usr/$libdir/cmake/communique/communiqueConfigVersion.cmake"
  "./usr/$libdir/cmake/communique/communiqueTargets.cmake"
  "./usr/$libdir/pkgconfig/communique.pc"
)
case $linkage in
  static) want+=("./usr/$libdir/libcommunique.a") ;;
  shared) want+=("./usr/$libdir/libcommunique.so" "./usr/$libdir/libcommunique.so.${version%%.*}"
                 "./usr/$libdir/libcommunique.so.$version") ;;
esac
[ "$writers" = - ] || want+=("./usr/$writers")
for path in "${want[@]}"; do
  grep -qxF "$path" "$work/contents" || fail "the .deb lacks $path"
done
echo "deb_test: the .deb holds all ${#want[@]} files checked"
