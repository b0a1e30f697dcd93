// Starts `beslutskoll lsp` for rule files (.regler) and rule tests (*.test.yaml).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("beslutskoll");
  const command = config.get("sökväg") || "beslutskoll";
  const options = {};
  if (config.get("regler")) options.regler = config.get("regler");
  if (config.get("riktlinjer")) options.riktlinjer = config.get("riktlinjer");
  client = new LanguageClient(
    "beslutskoll",
    "beslutskoll",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "regler" },
        { scheme: "file", pattern: "**/*.test.yaml" },
      ],
      initializationOptions: options,
    }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
