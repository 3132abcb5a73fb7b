-- infragen in Neovim's built-in LSP client (Neovim 0.7 or later, no plugin needed).
--
-- Install: copy this file to ~/.config/nvim/plugin/infragen.lua (or `dofile` it from your
-- init.lua). `.infra` files get the `infragen` filetype and `infragen lsp --stdio` as their
-- language server: diagnostics, formatting (`vim.lsp.buf.format()`, or `formatting_sync()` on
-- 0.7), hover (`K`), definition, references, rename and the rest of what the server offers.
-- Set `vim.g.infragen_cmd = { '/path/to/infragen', 'lsp', '--stdio' }` before it runs when
-- `infragen` is not on PATH.

local group = vim.api.nvim_create_augroup('infragen', { clear = true })

vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  group = group,
  pattern = '*.infra',
  command = 'setfiletype infragen',
})

-- The workspace folder: the nearest directory above the file holding `infragen.lock` or `.git`,
-- else the file's own directory (the server finds the project of a file outside it by itself).
local function root_dir(file)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  local found = vim.fn.finddir('.git', dir .. ';')
  if found == '' then
    found = vim.fn.findfile('infragen.lock', dir .. ';')
  end
  if found == '' then
    return dir
  end
  return vim.fn.fnamemodify(found, ':p:h:h')
end

local clients = {} -- on Neovim 0.7, one client per workspace folder

local function start(args)
  local cmd = vim.g.infragen_cmd or { 'infragen', 'lsp', '--stdio' }
  local root = root_dir(vim.api.nvim_buf_get_name(args.buf))
  vim.bo[args.buf].commentstring = '// %s'
  -- Neovim 0.10 maps K to hover itself; earlier versions need the mapping.
  vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = args.buf, desc = 'infragen: hover' })
  if vim.lsp.start then -- Neovim 0.8 and later reuse a running client by name and root
    vim.lsp.start({ name = 'infragen', cmd = cmd, root_dir = root }, { bufnr = args.buf })
    return
  end
  local id = clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client({
      name = 'infragen',
      cmd = cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    })
    clients[root] = id
  end
  vim.lsp.buf_attach_client(args.buf, id)
end

vim.api.nvim_create_autocmd('FileType', {
  group = group,
  pattern = 'infragen',
  callback = start,
})
