#!/usr/bin/env bash
# Installs the build into a temporary prefix with `cmake --install` and runs
# the Python package's tests (python/tests, pytest) against that tree:
# PYTHONPATH is the installed dist-packages, and nothing tells the package
# where the library is, so it must find the one installed beside it.
# Usage: python_test.sh CMAKE BUILD_DIR SOURCE_DIR PYTHON PYTHON_DIR (relative to the prefix) VERSION
set -euo pipefail
cmake=$1 build=$2 source=$3 python=$4 python_dir=$5 version=$6

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" \
  || { cat "$work/install.log"; echo "python_test: install failed" >&2; exit 1; }
[ -f "$prefix/$python_dir/communique/__init__.py" ] || { echo "python_test: no package in $python_dir" >&2; exit 1; }
# Out of the source tree, so that only the installed package can be imported.
cd "$work"
exec env -u LD_LIBRARY_PATH -u COMMUNIQUE_LIBRARY PYTHONPATH="$prefix/$python_dir" PYTHONDONTWRITEBYTECODE=1 \
  COMMUNIQUE_TEST_PREFIX="$prefix" COMMUNIQUE_TEST_VERSION="$version" \
  "$python" -m pytest -q -p no:cacheprovider "$source/python/tests"
