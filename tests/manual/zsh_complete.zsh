# zsh_complete.zsh DIR LINE...: completes each LINE (a TAB at its end) in an
# interactive zsh in a pseudo-terminal, with DIR first on fpath, and prints
# the command line the completion left, one a line.
zmodload zsh/zpty
dir=$1; shift
for line in "$@"; do
  zpty z zsh -f -i
  # The words in quotes are split so that the echo of a command is not
  # taken for its output.
  zpty -w z "PS1=''; fpath=($dir \$fpath); autoload -Uz compinit; compinit -u -D; communique() { :; }"
  zpty -w z 'show() { print -r -- "LI""NE<$BUFFER>" }; zle -N show; bindkey "^X" show; print RE""ADY'
  zpty -r z out '*READY*' || exit 1
  zpty -n -w z "$line"$'\t\x18'
  zpty -r z out '*LINE<*>*' || exit 1
  out=${out##*LINE<}
  print -r -- "${out%%>*}"
  zpty -d z
done
