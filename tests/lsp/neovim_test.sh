#!/usr/bin/env bash
# communique lsp in a real editor: headless Neovim (Debian's), its built-in
# LSP client started by a small Lua file, opens a draft whose dateline has
# 31 April 2024, reads the diagnostic back, fixes the date in the buffer,
# sees the diagnostic go, formats the buffer through the server, and stops
# the server (shutdown, exit: status 0).
set -euo pipefail
cli=$(realpath "$1") src=$(realpath "$2")
command -v nvim >/dev/null || { echo "nvim is missing: run tools/install-deps --tests"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state

cp "$src/fixtures/invalid/impossible-date.md" "$work/draft.md"
# Blank lines doubled: what formatting takes out again.
sed -i 's/^$/\n/' "$work/draft.md"
cat >"$work/init.lua" <<'LUA'
local out = {}
local function say(line) table.insert(out, line) end
local function finish()
  vim.fn.writefile(out, vim.env.RESULT)
  vim.cmd('qall!')
end
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.DRAFT))
local exit_code = nil
local id = vim.lsp.start_client({
  name = 'communique',
  cmd = { vim.env.COMMUNIQUE, 'lsp' },
  root_dir = vim.fn.fnamemodify(vim.env.DRAFT, ':h'),
  on_exit = function(code) exit_code = code end,
})
vim.lsp.buf_attach_client(0, id)
if not vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 20) then
  say('no diagnostics'); return finish()
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  say(string.format('diagnostic %d:%d %s %s', d.lnum, d.col, d.code or '?', d.message))
end
-- Fix the date where the diagnostic points: 31 -> 30.
local d = vim.diagnostic.get(0)[1]
vim.api.nvim_buf_set_text(0, d.lnum, d.col, d.lnum, d.col + 2, { '30' })
if vim.wait(10000, function() return #vim.diagnostic.get(0) == 0 end, 20) then say('cleared') end
local before = vim.api.nvim_buf_line_count(0)
vim.lsp.buf.formatting_sync(nil, 5000)
say(string.format('formatted %d -> %d lines', before, vim.api.nvim_buf_line_count(0)))
vim.cmd('write')
vim.lsp.stop_client(id)
vim.wait(5000, function() return exit_code ~= nil end, 20)
say('exit ' .. tostring(exit_code))
finish()
LUA

# Where the date is, as Neovim counts (lines from 0): after "Phnom Penh, ".
line=$(($(grep -n '^Phnom Penh, 31 April 2024' "$work/draft.md" | cut -d: -f1) - 1))
export COMMUNIQUE=$cli DRAFT=$work/draft.md RESULT=$work/result
timeout 60 nvim --headless -n -i NONE --noplugin -u "$work/init.lua" >"$work/nvim.log" 2>&1 || true
[ -f "$work/result" ] || { echo "FAIL: Neovim wrote no result"; cat "$work/nvim.log"; exit 1; }
cat "$work/result"

failed=0
check() { grep -Eq -- "$1" "$work/result" || { echo "FAIL: $2"; failed=1; }; }
check "^diagnostic $line:12 date-invalid \"31 April 2024\" is not a real date" "the date-invalid diagnostic at the dateline"
check '^cleared$' "fixing the date clears the diagnostic"
check '^formatted ([0-9]+) -> ([0-9]+) lines$' "formatting ran"
check '^exit 0$' "the server ends with 0 after shutdown and exit"
# The buffer was formatted as communique fmt would, and saved.
cp "$work/draft.md" "$work/again.md"
"$cli" fmt --check "$work/again.md" >/dev/null || { echo "FAIL: the saved buffer is not in fmt's form"; failed=1; }
grep -q '30 April 2024' "$work/draft.md" || { echo "FAIL: the fixed date was not saved"; failed=1; }
[ "$failed" = 0 ] && echo "neovim: all checks passed"
exit "$failed"
