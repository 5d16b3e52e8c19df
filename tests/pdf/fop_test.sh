#!/usr/bin/env bash
# Apache FOP accepts the FO xslt/fo.xsl makes: every fixture's and the
# Khmer test release's, rendered in one JVM (FopBatch.java) when a JDK can
# run single-file programs, else three fixtures one by one.
set -euo pipefail
render=$1 src=$2 fop=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# FO for every fixture: the draft read into canonical XML, then fo.xsl.
fos=()
for md in "$src"/fixtures/releases/*.md; do
  name=$(basename "$md" .md)
  "$render" --fo "$out/$name.fo" "$md" "$out/$name.pdf"
  fos+=("$out/$name.fo")
done
"$render" --fo "$out/khmer.fo" "$src/tests/pdf/khmer_release.xml" "$out/khmer.pdf"
fos+=("$out/khmer.fo")

# FOP's class path: the jars Debian's fop script puts on it.
classpath=""
for jar in fop batik-all commons-io commons-logging xmlgraphics-commons xml-apis-ext fontbox2; do
  [ -f "/usr/share/java/$jar.jar" ] && classpath+="/usr/share/java/$jar.jar:"
done

if java --list-modules 2>/dev/null | grep -q '^jdk.compiler' && [ -n "$classpath" ]; then
  log="$out/fop.log"
  if java -cp "$classpath" "$src/tests/pdf/FopBatch.java" "$out" "${fos[@]}" > "$log" 2>"$out/fop.err"; then
    cat "$log"
  else
    cat "$log"; grep -v '^\s*at ' "$out/fop.err" | tail -20
    exit 1
  fi
else
  echo "no JDK to run FopBatch.java: FOP on three fixtures, one JVM each"
  for fo in "${fos[0]}" "${fos[10]}" "$out/khmer.fo"; do
    "$fop" -q -fo "$fo" -pdf "${fo%.fo}.fop.pdf" 2>"$out/fop.err" || { grep -v '^\s*at ' "$out/fop.err" | tail -20; exit 1; }
    echo "ok $(basename "$fo")"
  done
fi
for pdf in "$out"/*.fop.pdf; do
  [ -s "$pdf" ] || { echo "FOP wrote nothing for $pdf"; exit 1; }
done
echo "FOP rendered ${#fos[@]} FO files"
