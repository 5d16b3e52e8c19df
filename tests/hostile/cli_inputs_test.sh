#!/usr/bin/env bash
# The command on every input of tests/hostile/corpus: `check` and `convert`
# end with 0, 1 or 2 and a message, never a crash (a signal), within the
# time a release takes.
source "$(dirname "$0")/lib.sh"

cd "$work"
for f in "$src"/tests/hostile/corpus/*; do
  name=$(basename "$f")
  timeout 20 "$cli" check "$f" >stdout 2>stderr
  code=$?
  case $code in
    0) pass ;;
    1 | 2) [ -s stderr ] && pass || fail "check $name: exit $code without a message" ;;
    *) fail "check $name: exit $code"; tail -5 stderr ;;
  esac
  timeout 20 "$cli" convert "$f" --to "$all_formats" -o out >stdout 2>stderr
  code=$?
  case $code in
    0 | 1 | 2) pass ;;
    *) fail "convert $name: exit $code"; tail -5 stderr ;;
  esac
  # From standard input too (the XML sniffing and the name <stdin>).
  timeout 20 "$cli" check - <"$f" >stdout 2>stderr
  code=$?
  [ "$code" -le 2 ] && pass || fail "check - <$name: exit $code"
done
# The limits' flags: over one, exit 1 and its rule at a position; the same
# release passes with the defaults.
release="$src/fixtures/releases/2024-03-18-rice-export-forum.md"
"$cli" check "$release" >stdout 2>stderr && pass || fail "the release does not pass with the default limits"
for limit in "--max-elements 5:too-many-elements" "--max-input-size 1kb:input-too-large"; do
  flag=${limit%%:*} rule=${limit##*:}
  # shellcheck disable=SC2086 # the flag and its value are two words
  "$cli" check $flag "$release" >stdout 2>stderr
  code=$?
  if [ "$code" -eq 1 ] && grep -q "rice-export-forum.md:[0-9]*:[0-9]*: error\[$rule\]" stderr; then pass
  else fail "check $flag: exit $code, $(head -1 stderr)"; fi
done
# The diagnostics are plain lines: no raw control characters from the input
# reach the terminal (the escape sequences of ctrl-chars.md).
"$cli" check "$src/tests/hostile/corpus/ctrl-chars-in-error-line.md" >stdout 2>stderr
if grep -q $'\x1b' stderr; then fail "an escape sequence from the input reached the terminal"; else pass; fi
finish
