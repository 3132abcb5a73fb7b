-- A Neovim session driven by tests/neovim.rs: loads the documented configuration
-- (editors/neovim/infragen.lua), opens a project file, waits for the language server, breaks
-- the file, and records the diagnostics Neovim received and its answer to a hover, as JSON.
local env = vim.env
vim.g.infragen_cmd = { env.INFRAGEN_BIN, 'lsp', '--stdio' }
dofile(env.INFRAGEN_CONFIG)

local out = { filetype = nil, attached = false, diagnostics = {}, hover = nil, hover_error = nil }
local function finish()
  local f = io.open(env.INFRAGEN_OUT, 'w')
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(env.INFRAGEN_FILE))
  local buf = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[buf].filetype
  local client
  out.attached = vim.wait(10000, function()
    client = vim.lsp.get_active_clients()[1]
    return client ~= nil and client.initialized == true and vim.lsp.buf_is_attached(buf, client.id)
  end, 20)
  if not out.attached then
    return
  end
  out.capabilities = client.server_capabilities
  -- The mistake: a misspelled resource kind on the resource's line.
  local line = tonumber(env.INFRAGEN_LINE)
  local text = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
  local broken = text:gsub(env.INFRAGEN_FROM, env.INFRAGEN_TO, 1)
  vim.api.nvim_buf_set_lines(buf, line, line + 1, false, { broken })
  vim.wait(10000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, code = d.code, message = d.message })
  end
  -- Hover on the other resource's kind (Neovim refuses to ask a server that does not offer it).
  if not client.server_capabilities.hoverProvider then
    out.hover_error = 'the server offers no hover'
    return
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = tonumber(env.INFRAGEN_HOVER_LINE), character = tonumber(env.INFRAGEN_HOVER_COLUMN) },
  }
  local responses, request_error = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000)
  if request_error then
    out.hover_error = tostring(request_error)
  end
  for _, response in pairs(responses or {}) do
    if response.err then
      out.hover_error = response.err.message
    elseif response.result then
      out.hover = response.result
    end
  end
end)
if not ok then
  out.error = tostring(err)
end
finish()
