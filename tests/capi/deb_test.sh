#!/usr/bin/env bash
# Makes the .deb packages with cpack into a temporary folder, checks them
# with dpkg-deb (names, versions, dependencies as dpkg-shlibdeps computed
# them, and what each holds), installs the three with dpkg into a root of
# their own, and builds the example consumers against what they installed:
# tests/consumer/cpp and examples/ with find_package(communique), and
# tests/consumer/c and examples/ with pkg-config; all are run, and so
# is the installed command (check_installed, consumers.sh, shared with
# consumer_test.sh).
#
# The root: dpkg --root=ROOT with a copy of this machine's package database,
# so that dpkg checks each package's Depends against what is really
# installed, without writing to the machine's own /usr (the tests may run
# beside other builds, as root in CI, where a package installed for real
# would be found by every later test). The maintainer scripts run outside
# the root (--force-script-chrootless: the root has no shell of its own),
# with a stand-in ldconfig that records its calls.
# Usage: deb_test.sh CPACK BUILD_DIR VERSION LIBDIR MAJOR CMAKE CC CXX GENERATOR PKG_CONFIG SOURCE_DIR
#                    WRITERS_MODULE (path under the prefix, or -)
#                    SANITIZE (-fsanitize=... when the library is instrumented, or -)
set -euo pipefail
# shellcheck source=consumers.sh
. "$(dirname "$0")/consumers.sh"
cpack=$1 build=$2 version=$3 libdir=$4 major=$5 cmake=$6 cc=$7 cxx=$8 generator=$9 pkg_config=${10}
source=${11} writers=${12:--} sanitize=${13:--}
# An instrumented library needs instrumented programs (the asan preset).
extra=()
[ "$sanitize" = - ] || extra=("$sanitize")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "deb_test: $*" >&2
  exit 1
}

"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$work/debs" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log"; fail "cpack failed"; }
library=libcommunique$major
arch=$(dpkg --print-architecture)
debs=()
for package in "$library" libcommunique-dev communique; do
  deb=$work/debs/${package}_${version}_$arch.deb
  [ -f "$deb" ] || fail "cpack made no $(basename "$deb"): $(ls "$work/debs")"
  [ "$(dpkg-deb -f "$deb" Package)" = "$package" ] || fail "$(basename "$deb") is not the package $package"
  [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "$package's version is not $version"
  debs+=("$deb")
done
count=$(find "$work/debs" -maxdepth 1 -name '*.deb' | wc -l)
[ "$count" -eq 3 ] || fail "cpack made $count packages, not 3: $(ls "$work/debs")"

# A package's Depends, names only (no version constraints), one a line.
depends() {
  dpkg-deb -f "$work/debs/${1}_${version}_$arch.deb" Depends | sed -e 's/ *([^)]*)//g' -e 's/, */\n/g'
}
# Every name given is a dependency of PACKAGE.
needs() {
  local package=$1
  shift
  local names
  names=$(depends "$package")
  for name in "$@"; do
    grep -qxF "$name" <<<"$names" || fail "$package does not depend on $name (Depends: $(tr '\n' ' ' <<<"$names"))"
  done
}
# The shared libraries the library links, found by dpkg-shlibdeps, and the
# fonts the PDF renderer finds through fontconfig.
needs "$library" libc6 libstdc++6 libxml2 libxslt1.1 libcmark-gfm0.29.0.gfm.6 libicu72 libharfbuzz0b \
  libpodofo0.9.8 libzip4 libdeflate0 libhyphen0 fonts-symbola
# The hyphenation patterns the PDF renderer reads, recommended.
for package in "$library" communique; do
  recommends=$(dpkg-deb -f "$work/debs/${package}_${version}_$arch.deb" Recommends)
  grep -qF "hyphen-en-us" <<<"$recommends" || fail "$package does not recommend hyphen-en-us (Recommends: $recommends)"
done
# The development package: the library at exactly this version, and the
# -dev packages of what the archive and the .pc file's Requires.private need.
grep -qF "$library (= $version)" <<<"$(dpkg-deb -f "$work/debs/libcommunique-dev_${version}_$arch.deb" Depends)" \
  || fail "libcommunique-dev does not depend on $library (= $version)"
needs libcommunique-dev libxml2-dev libxslt1-dev libicu-dev libpodofo-dev libhyphen-dev
# The command links its own core; its modules bring libxslt (writers) and
# cpp-httplib (preview). It does not use the shared library.
needs communique libc6 libstdc++6 libxslt1.1 libcpp-httplib0.11 fonts-symbola
! grep -qxF "$library" <<<"$(depends communique)" || fail "the command's package depends on $library"
# The library's shlibs file, for packages built against it.
dpkg-deb --ctrl-tarfile "$work/debs/${library}_${version}_$arch.deb" | tar -xO ./shlibs >"$work/shlibs" \
  || fail "$library has no shlibs file"
grep -qxF "libcommunique $major $library (>= $version)" "$work/shlibs" \
  || fail "$library's shlibs: $(cat "$work/shlibs")"

# What each package holds, and nothing in two.
contents() { dpkg-deb -c "$work/debs/${1}_${version}_$arch.deb" | awk '{ print $6 }' | grep -v '/$'; }
holds() {
  local package=$1
  shift
  local list
  list=$(contents "$package")
  for path in "$@"; do
    grep -qxF "$path" <<<"$list" || fail "$package lacks $path"
  done
}
holds "$library" "./usr/$libdir/libcommunique.so.$major" "./usr/$libdir/libcommunique.so.$version"
holds libcommunique-dev ./usr/include/communique/communique.h ./usr/include/communique/communique.hpp \
  ./usr/include/communique/version.hpp "./usr/$libdir/libcommunique.so" "./usr/$libdir/libcommunique.a" \
  "./usr/$libdir/cmake/communique/communiqueConfig.cmake" "./usr/$libdir/cmake/communique/communiqueTargets.cmake" \
  "./usr/$libdir/pkgconfig/communique.pc"
holds communique ./usr/bin/communique
[ "$writers" = - ] || holds communique "./usr/$writers"
duplicates=$(for package in "$library" libcommunique-dev communique; do contents "$package"; done | sort | uniq -d)
[ -z "$duplicates" ] || fail "files in two packages: $duplicates"
# The library's package holds the library only.
[ "$(contents "$library" | grep -vc '^./usr/share/doc/')" -eq 2 ] || fail "$library holds more: $(contents "$library")"

echo "== dpkg -i into $work/root"
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers" "$root/usr"
cp /var/lib/dpkg/status "$root/var/lib/dpkg/status"
: >"$root/var/lib/dpkg/available"
mkdir -p "$work/stand-ins"
printf '#!/bin/sh\necho "ldconfig $*" >>%q\n' "$work/ldconfig.log" >"$work/stand-ins/ldconfig"
chmod +x "$work/stand-ins/ldconfig"
PATH="$work/stand-ins:$PATH" dpkg --root="$root" --log="$work/dpkg-history.log" \
  --force-script-chrootless --force-not-root -i "${debs[@]}" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "the packages do not install"; }
for package in "$library" libcommunique-dev communique; do
  [ "$(dpkg --root="$root" -s "$package" | sed -n 's/^Status: //p')" = "install ok installed" ] \
    || fail "$package is not installed"
done
[ -s "$work/ldconfig.log" ] || fail "installing $library ran no ldconfig"
prefix=$root/usr

check_installed "$prefix" "$libdir" "the packages"
echo "deb_test: three packages installed; the command and the consumers ran"
