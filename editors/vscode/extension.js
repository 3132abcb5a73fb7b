// Starts `infragen lsp --stdio` for `.infra` files. The binary is the `infragen.server.path`
// setting (default: `infragen` on PATH).
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function serverOptions() {
  const command = vscode.workspace.getConfiguration("infragen").get("server.path") || "infragen";
  return { command, args: ["lsp", "--stdio"] };
}

async function start() {
  client = new LanguageClient(
    "infragen",
    "infragen",
    serverOptions(),
    {
      documentSelector: [{ scheme: "file", language: "infragen" }],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.infra,infragen.lock}"),
      },
    },
  );
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("infragen.restartServer", async () => {
      if (client) {
        await client.stop();
      }
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("infragen.server.path") && client) {
        await client.stop();
        await start();
      }
    }),
  );
  await start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
