-- nvim-probe.lua — drives headless Neovim's built-in LSP client (0.7 or later) through what a user
-- does in a Dockerfile, and prints what the editor ends up with as one JSON line:
--   lenses      vim.lsp.codelens.refresh(), then what Neovim stores and draws (virtual text per line)
--   explained   vim.lsp.codelens.run() on PROBE_LENS_LINE: the message the server shows
--   folds       the server's folding ranges made into Neovim folds (foldmethod=manual), per line
--   references  vim.lsp.buf.references() at PROBE_REFERENCES_AT: the quickfix list
--   refused     vim.lsp.buf.rename(PROBE_REFUSED_TO) at PROBE_REFUSED_AT: the message shown
--   renamed     vim.lsp.buf.rename(PROBE_RENAME_TO) at PROBE_RENAME_AT: the buffer's lines after it
--
-- Usage: PROBE_CMD='dockhand lsp --stdio' nvim --headless -u NONE -i NONE -c 'luafile test/editor/nvim-probe.lua' Dockerfile
-- Positions are "line,column", 1-based line and 0-based column as nvim_win_set_cursor takes them.
-- Exit code: 0 done, 2 a step timed out (the JSON says which), 3 the server did not start.

local function getenv(name, default) local v = os.getenv(name); if v == nil or v == '' then return default end; return v end
local function pos(name) local l, c = getenv(name, ''):match('^(%d+),(%d+)$'); return l and { tonumber(l), tonumber(c) } or nil end
local timeout = tonumber(getenv('PROBE_TIMEOUT', '15000'))
local cmd = vim.split(getenv('PROBE_CMD', ''), '%s+', { trimempty = true })
local out = { timeouts = {} }

local bufnr = vim.api.nvim_get_current_buf()
local win = vim.api.nvim_get_current_win()
-- Every step starts in the Dockerfile's window (references open the quickfix window).
local function cursor(at) vim.api.nvim_set_current_win(win); vim.api.nvim_win_set_cursor(win, at) end
local file = vim.api.nvim_buf_get_name(bufnr)
vim.bo[bufnr].filetype = 'dockerfile'

local messages, notified, diagnosed = {}, {}, false
local default_show = vim.lsp.handlers['window/showMessage']
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.notify = function(msg) table.insert(notified, msg) end

local client_id = vim.lsp.start_client({
  name = 'dockhand',
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  handlers = {
    ['window/showMessage'] = function(err, result, ctx, config)
      table.insert(messages, result.message)
      return default_show(err, result, ctx, config)
    end,
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      diagnosed = true
      return default_publish(err, result, ctx, config)
    end,
  },
})
if not client_id then io.stderr:write('nvim-probe: the server did not start\n'); vim.cmd('cquit 3') end
vim.lsp.buf_attach_client(bufnr, client_id)

local function wait(what, cond)
  if not vim.wait(timeout, cond, 10) then table.insert(out.timeouts, what); return false end
  return true
end
wait('diagnostics', function() return diagnosed end)

-- Code lens: refreshed as the README's autocmd does, stored and drawn by Neovim.
vim.lsp.codelens.refresh()
wait('code lenses', function() return #vim.lsp.codelens.get(bufnr) > 0 end)
out.lenses = {}
for _, l in ipairs(vim.lsp.codelens.get(bufnr)) do
  table.insert(out.lenses, { line = l.range.start.line, title = l.command and l.command.title or vim.NIL })
end
out.drawn = {}
local ns = vim.lsp.codelens.__namespaces and vim.lsp.codelens.__namespaces[client_id]
if ns then
  for _, m in ipairs(vim.api.nvim_buf_get_extmarks(bufnr, ns, 0, -1, { details = true })) do
    local text = {}
    for _, chunk in ipairs(m[4].virt_text or {}) do table.insert(text, chunk[1]) end
    table.insert(out.drawn, { line = m[2], text = table.concat(text) })
  end
end
local lens_line = tonumber(getenv('PROBE_LENS_LINE', ''))
if lens_line then
  cursor({ lens_line, 0 })
  vim.lsp.codelens.run()
  if wait('the explanation', function() return #messages > 0 end) then out.explained = messages[#messages] end
end

-- Folding: Neovim 0.7 has no LSP folding, so the ranges become manual folds.
local folds = vim.lsp.buf_request_sync(bufnr, 'textDocument/foldingRange', { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, timeout)
out.folds = {}
vim.wo.foldmethod = 'manual'
for _, res in pairs(folds or {}) do
  for _, f in ipairs(res.result or {}) do
    vim.cmd(string.format('%d,%dfold', f.startLine + 1, f.endLine + 1))
    table.insert(out.folds, { f.startLine + 1, f.endLine + 1, f.kind or vim.NIL })
  end
end
vim.cmd('normal! zM')
out.closed = {}
for l = 1, vim.api.nvim_buf_line_count(bufnr) do table.insert(out.closed, vim.fn.foldclosed(l)) end
vim.cmd('normal! zR')

-- References into the quickfix list.
local at = pos('PROBE_REFERENCES_AT')
if at then
  vim.fn.setqflist({})
  cursor(at)
  vim.lsp.buf.references()
  if wait('references', function() return #vim.fn.getqflist() > 0 end) then
    out.references = {}
    for _, q in ipairs(vim.fn.getqflist()) do table.insert(out.references, { q.lnum, q.col, q.text }) end
  end
  vim.cmd('cclose')
end

-- A rename the server refuses: the buffer stays as it is and the reason is shown.
at = pos('PROBE_REFUSED_AT')
if at then
  local before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  local seen = #notified
  cursor(at)
  vim.lsp.buf.rename(getenv('PROBE_REFUSED_TO', 'x'))
  if wait('the refusal', function() return #notified > seen end) then out.refused = notified[#notified] end
  out.unchanged = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') == before
end

-- A rename, applied by Neovim to the buffer.
at = pos('PROBE_RENAME_AT')
if at then
  local before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  cursor(at)
  vim.lsp.buf.rename(getenv('PROBE_RENAME_TO', 'renamed'))
  if wait('the rename', function() return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') ~= before end) then
    out.renamed = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  end
end

io.stdout:write(vim.json.encode(out) .. '\n')
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 10)
if #out.timeouts > 0 then vim.cmd('cquit 2') else vim.cmd('qall!') end
