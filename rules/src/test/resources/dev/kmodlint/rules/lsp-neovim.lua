-- Drives `kmodlint lsp` from Neovim (0.7 API): opens a module file, waits for diagnostics,
-- applies the quick fix of the world-writable parameter, saves, waits for the finding to go.
-- Everything it sees goes to $KMODLINT_LSP_OUT, one observation a line, for the JUnit test.
local out = assert(io.open(os.getenv('KMODLINT_LSP_OUT'), 'w'))
local function log(s)
  out:write(s .. '\n')
  out:flush()
end

local function code_of(d)
  if d.code then return d.code end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code or '?'
end

local function dump(label, bufnr)
  local ds = vim.diagnostic.get(bufnr)
  table.sort(ds, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  for _, d in ipairs(ds) do
    local lsp = d.user_data and d.user_data.lsp or {}
    local href = lsp.codeDescription and lsp.codeDescription.href or ''
    log(string.format('%s %s %d %d %d %s', label, code_of(d), d.lnum + 1, d.col + 1, d.severity, href))
  end
end

local function has(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(d) == code then return true end
  end
  return false
end

local function main()
  local file = os.getenv('KMODLINT_LSP_FILE')
  local cmd = vim.fn.json_decode(os.getenv('KMODLINT_LSP_CMD'))
  local timeout = tonumber(os.getenv('KMODLINT_LSP_TIMEOUT_MS') or '120000')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'kmodlint',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(file, ':h'),
    on_exit = function(code) log('exit ' .. code) end,
  })
  assert(id, 'the language server did not start')
  assert(vim.lsp.buf_attach_client(bufnr, id), 'attach failed')
  local client = vim.lsp.get_client_by_id(id)

  local start = vim.loop.hrtime()
  assert(vim.wait(timeout, function() return has(bufnr, 'param/world-writable') end, 20),
    'no world-writable diagnostic')
  log(string.format('first diagnostics after %d ms', (vim.loop.hrtime() - start) / 1e6))
  log('encoding ' .. tostring(client.offset_encoding))
  dump('before', bufnr)

  -- the quick fix at the world-writable permission (line 10, 1-based column 26)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 9, character = 26 }, ['end'] = { line = 9, character = 26 } },
    context = { diagnostics = {} },
  }
  local reply = client.request_sync('textDocument/codeAction', params, timeout, bufnr)
  assert(reply and not reply.err, 'codeAction failed: ' .. vim.inspect(reply))
  local applied = false
  for _, action in ipairs(reply.result or {}) do
    log('action ' .. (action.kind or '?') .. ' ' .. action.title)
    if not applied and action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
      applied = true
    end
  end
  assert(applied, 'no quick fix offered')
  log('line10 ' .. vim.api.nvim_buf_get_lines(bufnr, 9, 10, false)[1])
  vim.cmd('write')
  assert(vim.wait(timeout, function()
    return not has(bufnr, 'param/world-writable') and has(bufnr, 'param/non-octal-permission')
  end, 20), 'the world-writable diagnostic stayed')
  dump('after', bufnr)
  vim.lsp.stop_client(id)
  vim.wait(5000, function() return vim.tbl_isempty(vim.lsp.get_active_clients()) end, 50)
  log('done')
end

local ok, err = pcall(main)
if not ok then
  log('error ' .. tostring(err))
  out:close()
  vim.cmd('cquit 1')
else
  out:close()
  vim.cmd('qall!')
end
