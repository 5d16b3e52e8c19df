#!/usr/bin/env bash
# The manual page (communique --generate-man, built into BUILD/src/manual):
# it is what the command makes now (nothing drifts), man and groff render it
# without a warning, and it names every subcommand and every option that
# `communique SUBCOMMAND --help` lists, in that subcommand's section.
# Arguments: the command, the source tree, the built page.
source "$(dirname "$0")/../lib.sh"
page=$3

run "the page is made" 0 "$cli" --generate-man "$src/README.md"
cmp -s "$work/stdout" "$page" && pass || fail "the built page is not what the command makes now"
run "a README without the prose sections is refused" 2 "$cli" --generate-man "$src/SECURITY.md"
expect "the missing section is named" "$work/stderr" "no section 'Exit codes'"

# Warnings of every kind (-ww), at man's widths, hyphenated as man does and not.
for width in 78 80 100; do
  for hyphenation in 4 0; do
    groff -man -Tutf8 -ww -rLL=${width}n -rHY=$hyphenation "$page" >/dev/null 2>"$work/groff.err"
    [ -s "$work/groff.err" ] && { fail "groff warns at ${width}n, HY=$hyphenation:"; head "$work/groff.err"; } || pass
  done
done
MANWIDTH=80 man --warnings=w -l "$page" >"$work/man.txt" 2>"$work/man.err"
[ $? = 0 ] && [ ! -s "$work/man.err" ] && pass || { fail "man -l warns or fails:"; head "$work/man.err"; }
expect "man renders the name" "$work/man.txt" "communique - read, check and convert"

# The text to look options up in: wide and unhyphenated, so that no option
# is broken across lines.
groff -man -Tutf8 -rLL=250n -rHY=0 "$page" 2>/dev/null | col -bx >"$work/page.txt"
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "EXIT STATUS" CONFIGURATION ENVIRONMENT FILES EXAMPLES; do
  expect "section $section" "$work/page.txt" "^$section\$"
done

# The subcommands as --help lists them, each with a subsection of its own.
"$cli" --help >"$work/help.txt"
subcommands=$(sed -n '/^Subcommands:/,/^$/p' "$work/help.txt" | awk 'NR > 1 && NF { print $1 }')
[ "$(echo $subcommands)" = "check convert catalog fmt lsp preview" ] && pass ||
  fail "--help lists the subcommands '$(echo $subcommands)'"
expect "help's subsection" "$work/page.txt" "^   communique help\$"
grep -q -- '--generate' "$work/help.txt" && fail "--help lists the hidden generator options" || pass

# options HELP-FILE: each option name --help lists (-f, --from, ...).
options() {
  sed -n '/^Options:/,/^$/p' "$1" | grep -E '^  -' | awk '{ print $1 }' | tr ',' '\n' | grep -E '^-'
}
# section NAME: a subcommand's part of the page, up to the next subsection.
section() {
  awk -v head="   communique $1" '$0 == head { on = 1; next } on && /^   communique / { exit } on && /^[A-Z]/ { exit }
                                  on { print }' "$work/page.txt"
}
: >"$work/choices.txt"
for sub in $subcommands; do
  section "$sub" >"$work/section.txt"
  [ -s "$work/section.txt" ] && pass || { fail "no subsection for $sub"; continue; }
  "$cli" "$sub" --help >"$work/sub.txt" || fail "$sub --help exits non-zero"
  count=0
  for option in $(options "$work/sub.txt"); do
    count=$((count + 1))
    grep -Eq -- "(^|[ ,])$option( |,|\$)" "$work/section.txt" && pass || fail "$sub: $option is not in its section"
  done
  [ "$count" -ge 2 ] && pass || fail "$sub --help lists $count options"
  # An option's choices ("--format TEXT:{human,json}=human") stand after it
  # (--format human|json), its default in its text ("(default: human)").
  grep -Eo -- '--[a-z-]+ [A-Z]+:\{[^}]*\}(=[^ ]+)?' "$work/sub.txt" | while read -r option type; do
    choices=$(sed -E 's/.*\{([^}]*)\}.*/\1/; s/,/|/g' <<<"$type")
    grep -qF -- "$option $choices" "$work/section.txt" && echo pass || echo "fail $sub: $option $choices"
    case $type in *=*) grep -qF -- "(default: ${type#*=})" "$work/section.txt" && echo pass ||
                       echo "fail $sub: $option's default ${type#*=}" ;; esac
  done >>"$work/choices.txt"
done
grep -c '^pass' "$work/choices.txt" | grep -qE '^([5-9]|[1-9][0-9]+)$' && pass ||
  fail "only $(grep -c '^pass' "$work/choices.txt") choices and defaults checked"
grep '^fail' "$work/choices.txt" && fail "choices or defaults not in the page" || pass
# The top-level options, in OPTIONS.
awk '/^OPTIONS$/ { on = 1; next } on && /^[A-Z]/ { exit } on { print }' "$work/page.txt" >"$work/section.txt"
for option in $(options "$work/help.txt"); do
  grep -Eq -- "(^|[ ,])$option( |,|\$)" "$work/section.txt" && pass || fail "$option is not in OPTIONS"
done
# The README's prose came along: its exit codes and a configuration key.
expect "the exit codes" "$work/page.txt" "a release has an error"
expect "the configuration" "$work/page.txt" "headline-max-words = 30"
expect "the environment" "$work/page.txt" "SOURCE_DATE_EPOCH"

finish
