#!/usr/bin/env bash
# cmake --install puts the manual page and the completions where man and the
# shells look for them under the prefix, and man finds the page there.
# Arguments: cmake, the build tree, the source tree.
cmake=$1 build=$2
source "$(dirname "$0")/../lib.sh" "" "$3"
prefix=$work/prefix

run "cmake --install" 0 "$cmake" --install "$build" --prefix "$prefix"
for file in share/man/man1/communique.1 share/bash-completion/completions/communique \
            share/zsh/vendor-completions/_communique share/fish/vendor_completions.d/communique.fish; do
  [ -s "$prefix/$file" ] && pass || fail "$file is not installed"
done
cmp -s "$prefix/share/man/man1/communique.1" "$build/src/manual/communique.1" && pass ||
  fail "the installed page is not the built one"
cmp -s "$prefix/share/bash-completion/completions/communique" "$build/src/manual/communique.bash" && pass ||
  fail "the installed bash completion is not the built one"
run "man finds the page under the prefix" 0 env MANPATH="$prefix/share/man" man -w communique
expect "man's path" "$work/stdout" "^$prefix/share/man/man1/communique.1"

finish
