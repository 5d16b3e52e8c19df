#!/usr/bin/env bash
# The shell completions (communique --generate-completion, built into
# BUILD/src/manual): what the command makes now; bash's completes
# subcommands, options and their values, as bash calls it (the COMP_
# variables); zsh's and fish's are read without errors and complete as bash's
# does (zsh in a pseudo-terminal, fish with complete -C).
# Arguments: the command, the source tree, the folder of the built scripts.
source "$(dirname "$0")/../lib.sh"
built=$3

for shell_file in bash:communique.bash zsh:_communique fish:communique.fish; do
  run "the $shell_file script is made" 0 "$cli" --generate-completion "${shell_file%%:*}"
  cmp -s "$work/stdout" "$built/${shell_file#*:}" && pass || fail "$shell_file is not what the command makes now"
done
run "an unknown shell" 2 "$cli" --generate-completion tcsh

# complete WORDS...: what bash offers for the last word, one a line.
complete_bash() {
  bash -c 'source "$1"; shift
           complete -p communique >/dev/null || { echo "no completion for communique"; exit 1; }
           COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
           $(complete -p communique | sed -E "s/.*-F ([^ ]+).*/\1/")
           printf "%s\n" "${COMPREPLY[@]}"' sh "$built/communique.bash" "$@"
}
offers() {  # offers NAME EXPECTED WORDS...: bash offers exactly EXPECTED (space-separated)
  local name=$1 want=$2; shift 2
  local got
  got=$(complete_bash "$@" | sort | tr '\n' ' ' | sed 's/ $//')
  [ "$got" = "$(echo "$want" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')" ] && pass ||
    fail "$name: bash offers '$got' for '$*', wanted '$want'"
}
bash -c 'source "$1"; complete -p communique' sh "$built/communique.bash" >"$work/complete.txt"
expect "complete -p communique" "$work/complete.txt" "^complete -F _communique communique$"
offers "a subcommand" "convert" communique con
offers "subcommands beginning with c" "check convert catalog" communique c
offers "an option" "--to" communique convert --t
offers "an option of check only" "--fail-on" communique check --fa
offers "an option after a flag (which takes no value)" "--to" communique convert --force --t
offers "no check option for convert" "" communique convert --fa
offers "a choice" "json" communique check --format j
offers "a second format after a comma" "html,txt" communique convert --to html,t
offers "after help, a subcommand" "preview" communique help pre
offers "the profiles" "general kh-ministry" communique fmt --profile ""
mkdir -p "$work/drafts" && touch "$work/drafts/one.md" "$work/drafts/two.md"
offers "files for the inputs" "$work/drafts/one.md $work/drafts/two.md" communique check "$work/drafts/"
offers "files after -o" "$work/drafts/one.md $work/drafts/two.md" communique convert x.md -o "$work/drafts/"

# zsh and fish: read without executing, then fish's completions.
zsh -n "$built/_communique" && pass || fail "zsh -n _communique"
grep -q '^#compdef communique$' "$built/_communique" && pass || fail "_communique has no #compdef line"
# zsh's completion system as a user meets it: an interactive zsh in a
# pseudo-terminal, TAB at the end of each line.
zsh_offers() {  # zsh_offers NAME LINE EXPECTED: the line after TAB
  local got
  got=$(timeout 30 zsh -f "$(dirname "$0")/zsh_complete.zsh" "$built" "$2")
  [ "$got" = "$3" ] && pass || fail "$1: zsh completes '$2' to '$got', wanted '$3'"
}
zsh_offers "zsh: a subcommand" "communique con" "communique convert "
zsh_offers "zsh: an option" "communique convert --t" "communique convert --to "
zsh_offers "zsh: a choice" "communique check --format j" "communique check --format json "
zsh_offers "zsh: a second format" "communique convert --to html,t" "communique convert --to html,txt,"
zsh_offers "zsh: after help" "communique help pre" "communique help preview "
zsh_offers "zsh: an option after a flag" "communique convert --force --t" "communique convert --force --to "
fish --no-execute "$built/communique.fish" && pass || fail "fish --no-execute communique.fish"
complete_fish() {  # what fish offers for a command line, space-separated
  fish -c 'source $argv[1]; complete -C $argv[2]' "$built/communique.fish" "$1" | cut -f1 | sort | tr '\n' ' '
}
[ "$(complete_fish 'communique con')" = "convert " ] && pass ||
  fail "fish: 'communique con' gives '$(complete_fish 'communique con')'"
[ "$(complete_fish 'communique convert --t')" = "--to " ] && pass ||
  fail "fish: 'communique convert --t' gives '$(complete_fish 'communique convert --t')'"
[ "$(complete_fish 'communique check --fail-on ')" = "error warning " ] && pass ||
  fail "fish: '--fail-on ' gives '$(complete_fish 'communique check --fail-on ')'"

finish
