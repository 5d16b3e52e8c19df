#!/usr/bin/env bash
# A real pre-commit run: a throwaway drafts repository whose
# .pre-commit-config.yaml points at this repository's hooks (check and fmt).
# Committing a draft without a dateline is refused with the diagnostic,
# shown once; a valid draft commits. Then the README's snippet, copied as it
# is, does the same.
set -euo pipefail
cli=$(realpath "$1") src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/cache HOME=$work/home
export PATH="$(dirname "$cli"):$PATH"
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
mkdir -p "$HOME"

# pre-commit clones the hooks' repository at a commit: make one of this
# working tree's hook definition, so that the test runs what is checked out.
hooks=$work/hooks
git init -q "$hooks"
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -qm hooks
rev=$(git -C "$hooks" rev-parse HEAD)

repo=$work/drafts
git init -q "$repo"
cd "$repo"
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: communique-check
        files: ^releases/
      - id: communique-fmt
        files: ^releases/
YAML
git add .pre-commit-config.yaml
git commit -qm config --no-verify
pre-commit install >/dev/null

mkdir releases
valid=$src/fixtures/releases/2024-05-08-digital-skills-partnership.md
sed '$d' "$valid" | sed '$d' >releases/no-dateline.md
git add releases/no-dateline.md
if git commit -qm "draft without dateline" >"$work/out" 2>&1; then
  echo "FAIL: a draft without a dateline was committed"; cat "$work/out"; exit 1
fi
shown=$(grep -c "releases/no-dateline.md:[0-9]*:[0-9]*: error\[dateline-missing\]" "$work/out")
[ "$shown" = 1 ] || { echo "FAIL: the diagnostic is shown $shown times, not once:"; cat "$work/out"; exit 1; }
grep -q "no-dateline.md: left as it is" "$work/out" ||
  { echo "FAIL: the fmt hook does not say it left the draft:"; cat "$work/out"; exit 1; }
git reset -q

git rm -q --cached releases/no-dateline.md 2>/dev/null || true
rm releases/no-dateline.md
cp "$valid" releases/valid.md
git add releases/valid.md
git commit -qm "valid draft" >"$work/out" 2>&1 || { echo "FAIL: a valid draft was refused:"; cat "$work/out"; exit 1; }

# The README's .pre-commit-config.yaml (the first yaml block of its
# pre-commit section), copied as it is into another drafts repository.
readme=$work/readme
git init -q "$readme"
cd "$readme"
awk '/^## In git: pre-commit/ { section = 1 } section && /^```yaml$/ { inside = 1; next }
     inside && /^```$/ { exit } inside { print }' "$src/README.md" >.pre-commit-config.yaml
[ -s .pre-commit-config.yaml ] || { echo "FAIL: no yaml snippet in the README's pre-commit section"; exit 1; }
git add .pre-commit-config.yaml
git commit -qm config --no-verify
pre-commit install >/dev/null
mkdir releases
sed '$d' "$valid" | sed '$d' >releases/no-dateline.md
git add releases/no-dateline.md
if git commit -qm "draft without dateline" >"$work/out" 2>&1; then
  echo "FAIL: the README's snippet let a draft without a dateline be committed"; cat "$work/out"; exit 1
fi
shown=$(grep -c "releases/no-dateline.md:[0-9]*:[0-9]*: error\[dateline-missing\]" "$work/out")
[ "$shown" = 1 ] || { echo "FAIL: the README's snippet shows the diagnostic $shown times:"; cat "$work/out"; exit 1; }
git reset -q
rm releases/no-dateline.md
cp "$valid" releases/valid.md
git add releases/valid.md
git commit -qm "valid draft" >"$work/out" 2>&1 ||
  { echo "FAIL: the README's snippet refused a valid draft:"; cat "$work/out"; exit 1; }
echo "pre-commit: 4 passed, 0 failed"
