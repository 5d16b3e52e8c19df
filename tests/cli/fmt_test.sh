#!/usr/bin/env bash
# fmt changes only what it says (no paragraph moved, the byte order mark and
# CRLF kept, spacing normalised) and stays idempotent; fmt - and --diff;
# check walking folders as convert does; --stdin-filename.
source "$(dirname "$0")/../lib.sh"
cd "$work" || exit 1

ok() {  # ok NAME COMMAND...: the command (a test) succeeds
  local name=$1; shift
  if "$@"; then pass; else fail "$name"; fi
}
same() {  # same NAME FILE FILE: byte for byte
  if cmp -s "$2" "$3"; then pass; else fail "$1: $2 and $3 differ:"; diff "$2" "$3" | head -20; fi
}
empty() {  # empty NAME FILE
  if [ ! -s "$2" ]; then pass; else fail "$1: $2 is not empty:"; head -20 "$2"; fi
}
line_of() {  # line_of FILE TEXT: the number of the first line holding TEXT
  grep -nF -- "$2" "$1" | head -1 | cut -d: -f1
}
json() {  # json NAME FILE PYTHON-ASSERTIONS (d is the parsed file)
  if python3 -c "import json, sys; d = json.load(open(sys.argv[1])); $3" "$2" 2>"$work/py"; then
    pass; else fail "$1:"; cat "$work/py"; head -40 "$2"; fi
}

# A draft as people write them: contacts above the dateline.
cat >contact.md <<'EOF'
KINGDOM OF CAMBODIA
NATION RELIGION KING

**MINISTRY OF TRADE
AND AGRO-INDUSTRY**

PRESS RELEASE

Kampot pepper and salt fair opens with 60 producers

The third Kampot Pepper and Salt Fair was opened today at the riverside park in Kampot town, bringing together 60 producers.

For media enquiries: Mr. SOK Dara, +855 12 345 678

Kampot, 8 January 2024

-END-
EOF

# ---- 9. fmt changes only what it says ------------------------------------

# No paragraph moves: the contacts stay above the dateline, the end mark
# below; the draft is in the canonical form already.
cp contact.md moved.md
run "fmt a draft with contacts above the dateline" 0 "$cli" fmt moved.md
contact=$(line_of moved.md "For media enquiries") dateline=$(line_of moved.md "Kampot, 8 January 2024")
end=$(line_of moved.md "-END-")
ok "the contacts stay above the dateline (lines $contact, $dateline)" [ "${contact:-99}" -lt "${dateline:-0}" ]
ok "the end mark stays below the dateline (lines $dateline, $end)" [ "${dateline:-99}" -lt "${end:-0}" ]
same "fmt changed nothing" contact.md moved.md
run "fmt --check: nothing to change" 0 "$cli" fmt --check contact.md

# A dateline above the national header stays there too.
{ echo "Phnom Penh, 8 January 2024"; echo; head -n 11 contact.md; } >top.md
cp top.md top-formatted.md
run "fmt a draft with the dateline on top" 0 "$cli" fmt top-formatted.md
same "fmt moved nothing in it" top.md top-formatted.md

# A ministry above the national header (as Vietnamese releases have it)
# stays there; fmt may set a header line in bold, nothing more.
{ sed -n '4,6p' contact.md; sed -n '1,3p' contact.md; sed -n '7,$p' contact.md; } >ministry-first.md
cp ministry-first.md ministry-first-formatted.md
run "fmt a draft with the ministry first" 0 "$cli" fmt ministry-first-formatted.md
sed 's/\*\*//g' ministry-first.md >ministry-first.plain
sed 's/\*\*//g' ministry-first-formatted.md >ministry-first-formatted.plain
same "fmt moved nothing in the header" ministry-first.plain ministry-first-formatted.plain

# Spacing is normalised, as the README says: a run of spaces (or a tab) is one
# space, trailing spaces go. Nothing else changes.
sed -e 's/Pepper and Salt/Pepper and  Salt/' -e 's/today at/today\tat/' -e 's/60 producers\.$/60 producers.   /' \
  -e 's/^PRESS RELEASE$/PRESS RELEASE  /' contact.md >spaced.md
ok "the spaced draft has its spaces" grep -qF "Pepper and  Salt" spaced.md
cp spaced.md spaced-formatted.md
run "fmt a draft with odd spacing" 0 "$cli" fmt spaced-formatted.md
same "fmt normalised the spacing, and nothing else" contact.md spaced-formatted.md

# Nothing is deleted either: a draft with a note to the editors (an HTML
# comment) or a line the reader leaves out as a web page's is left as it is.
{ head -n 10 contact.md; echo "<!-- editors: check the figures -->"; echo; tail -n 7 contact.md; } >comment.md
cp comment.md comment-kept.md
run "fmt a draft with a comment" 1 "$cli" fmt comment-kept.md
same "fmt left the comment" comment.md comment-kept.md
expect "fmt says which line it would lose" "$work/stderr" "comment-kept.md: left as it is: .*line 11"
{ echo "Posted on 8 January 2024 by admin"; echo; cat contact.md; } >remnant.md
cp remnant.md remnant-kept.md
run "fmt a draft with a line it leaves out" 1 "$cli" fmt remnant-kept.md
same "fmt left the line" remnant.md remnant-kept.md
# fmt's own empty comment between two lists is no note: it stays, and the
# draft formats.
{ head -n 11 contact.md; echo; printf -- '- first\n- second\n\n<!-- -->\n\n- third\n'; echo; tail -n 5 contact.md; } >lists.md
cp lists.md lists-formatted.md
run "fmt a draft with two lists in a row" 0 "$cli" fmt lists-formatted.md
same "fmt keeps the two lists apart" lists.md lists-formatted.md

# The byte order mark and CRLF line ends stay as they were.
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' contact.md; } >crlf.md
run "fmt a draft with a BOM and CRLF" 0 "$cli" fmt crlf.md
ok "the byte order mark stays" [ "$(head -c 3 crlf.md | od -An -tx1 | tr -d ' ')" = efbbbf ]
lines=$(wc -l <crlf.md) crlf=$(grep -c $'\r$' crlf.md)
ok "every line still ends in CRLF ($crlf of $lines)" [ "$lines" -gt 10 -a "$crlf" = "$lines" ]
# ... and the text is what fmt makes of the plain draft.
tail -c +4 crlf.md | tr -d '\r' >crlf-as-lf.md
same "CRLF and LF drafts format alike" moved.md crlf-as-lf.md
run "a formatted CRLF draft needs nothing more" 0 "$cli" fmt --check crlf.md

# Idempotent: fmt of fmt's output is the same bytes, for these drafts and
# every fixture.
mkdir idem
cp contact.md top.md ministry-first.md spaced.md lists.md crlf.md "$src"/fixtures/releases/*.md idem/
for f in idem/*.md; do
  run "fmt $(basename "$f")" 0 "$cli" fmt "$f"
  cp "$f" "$f.once"
  run "fmt $(basename "$f") again" 0 "$cli" fmt "$f"
  if cmp -s "$f" "$f.once"; then pass; else fail "fmt is not idempotent on $(basename "$f"):"; diff "$f.once" "$f" | head; fi
done

# ---- 8. fmt - and --diff ------------------------------------------------

cp spaced.md piped.md
"$cli" fmt piped.md 2>/dev/null
run "fmt - formats standard input" 0 "$cli" fmt - <spaced.md
same "fmt - writes what fmt FILE writes" "$work/stdout" piped.md
run "fmt - of a formatted draft" 0 "$cli" fmt - <piped.md
same "fmt - of a formatted draft writes it unchanged" "$work/stdout" piped.md
sed 's/8 January 2024/31 April 2024/' contact.md >broken.md
run "fmt - with errors" 1 "$cli" fmt - <broken.md
empty "fmt - writes nothing when the draft has errors" "$work/stdout"
expect "fmt - names standard input" "$work/stderr" "<stdin>:[0-9]+:[0-9]+: error\[date-invalid\]"

cp spaced.md diffed.md
run "fmt --diff with a change" 1 "$cli" fmt --diff diffed.md
same "fmt --diff leaves the file" spaced.md diffed.md
cp "$work/stdout" change.diff
expect "fmt --diff is a unified diff" change.diff "^--- diffed.md$"
expect "fmt --diff has a hunk" change.diff "^@@ -[0-9]+(,[0-9]+)? \+[0-9]+(,[0-9]+)? @@$"
# Applied, the diff gives what fmt writes.
mkdir applied
cp spaced.md applied/diffed.md
(cd applied && git apply -p0 <../change.diff) && pass || fail "the diff does not apply"
same "the diff applied is fmt's result" applied/diffed.md piped.md
run "fmt --diff with nothing to change" 0 "$cli" fmt --diff piped.md
empty "fmt --diff prints nothing when nothing would change" "$work/stdout"
run "fmt --diff -" 1 "$cli" fmt --diff - <spaced.md
expect "fmt --diff - names standard input" "$work/stdout" "^--- <stdin>$"
run "fmt --diff - of a formatted draft" 0 "$cli" fmt --diff - <piped.md
# CRLF in, CRLF in the diff: it applies to the file as it is.
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' spaced.md; } >applied/crlf.md
cp applied/crlf.md crlf-again.md
run "fmt --diff of a CRLF draft" 1 "$cli" fmt --diff applied/crlf.md
cp "$work/stdout" crlf.diff
(git apply -p0 <crlf.diff) && pass || fail "the CRLF diff does not apply"
"$cli" fmt crlf-again.md
same "the CRLF diff applied is fmt's result" applied/crlf.md crlf-again.md

# ---- 8. --stdin-filename -------------------------------------------------

# Its name in diagnostics, its configuration from above it, its format by
# its extension.
mkdir -p project/drafts dated/drafts
printf '[house]\ngenres = ["STATEMENT"]\n' >project/.communique.toml
printf '[dates]\nformat = "iso"\n' >dated/.communique.toml
run "check - --stdin-filename" 1 "$cli" check - --stdin-filename project/drafts/new.md <contact.md
expect "the name is --stdin-filename's, the configuration above it" "$work/stderr" \
  "^project/drafts/new.md:[0-9]+:[0-9]+: error\[genre-allowed\]"
run "check - --stdin-filename --format json" 1 "$cli" check - --stdin-filename project/drafts/new.md --format json <contact.md
json "the JSON names it too" "$work/stdout" \
  "assert [f['file'] for f in d['files']] == ['project/drafts/new.md']; assert d['diagnostics'][0]['file'] == 'project/drafts/new.md'"
run "check - without the name: no configuration" 0 "$cli" check - <contact.md
run "fmt - --stdin-filename takes its configuration" 0 "$cli" fmt - --stdin-filename dated/drafts/new.md <contact.md
expect "fmt - --stdin-filename wrote the date as its configuration asks" "$work/stdout" "^Kampot, 2024-01-08$"
run "fmt - --stdin-filename takes its format" 2 "$cli" fmt - --stdin-filename page.html <contact.md
expect "fmt - --stdin-filename says which" "$work/stderr" "page.html: is html, not a draft"
empty "fmt - --stdin-filename wrote nothing" "$work/stdout"
run "--stdin-filename without -" 2 "$cli" check contact.md --stdin-filename x.md
expect "--stdin-filename without - says so" "$work/stderr" "give - among the files"

# ---- 8. check walks folders as convert does --------------------------------

mkdir -p tree/sub tree/.hidden tree/out tree/skipped
cp contact.md tree/a.md
cp broken.md tree/sub/b.md
cp broken.md tree/.hidden/c.md                      # hidden: not walked
cp broken.md tree/sub/notes.rst                     # not a default pattern
cp broken.md tree/out/d.md
touch tree/out/.communique-manifest                 # an earlier convert's outputs: not walked
cp broken.md tree/skipped/e.md
run "check FOLDER" 1 "$cli" check tree --exclude skipped --format json
json "check FOLDER checks what convert would convert" "$work/stdout" \
  "assert sorted(f['file'] for f in d['files']) == ['tree/a.md', 'tree/sub/b.md'], d['files']"
run "convert FOLDER" 1 "$cli" convert tree --exclude skipped -o converted --to xml --report report.json
json "convert read the same files" report.json \
  "assert sorted(r['input'] for r in d['releases']) == ['tree/a.md', 'tree/sub/b.md'], d['releases']"
run "check FOLDER --exclude" 0 "$cli" check tree --exclude sub --exclude skipped
run "check FOLDER --include" 1 "$cli" check tree --include '*.rst' --format json
json "check FOLDER --include takes the globs" "$work/stdout" \
  "assert [f['file'] for f in d['files']] == ['tree/sub/notes.rst'], d['files']"
mkdir nothing
run "check an empty folder" 2 "$cli" check nothing --format json
json "an empty folder is an io error" "$work/stdout" \
  "assert d['diagnostics'][0]['rule'] == 'io' and d['diagnostics'][0]['file'] == 'nothing', d"
run "check a folder with a file" 1 "$cli" check contact.md tree/sub
expect "both are checked" "$work/stderr" "tree/sub/b.md:[0-9]+:[0-9]+: error\[date-invalid\]"

# ---- help --------------------------------------------------------------------

run "check --help" 0 "$cli" check --help
expect "check --help names folders" "$work/stdout" "folders"
expect "check --help has --include" "$work/stdout" "--include"
expect "check --help has --stdin-filename" "$work/stdout" "--stdin-filename"
run "fmt --help" 0 "$cli" fmt --help
expect "fmt --help has --diff" "$work/stdout" "--diff"
expect "fmt --help has --stdin-filename" "$work/stdout" "--stdin-filename"
expect "fmt --help says - is standard input" "$work/stdout" "standard input to standard output"

finish
