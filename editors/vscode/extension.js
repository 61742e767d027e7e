// Starts `verdict lsp` for Verdict rule files. Everything else (diagnostics, hover with the
// law's text, definition, references, rename, completion, formatting, quick fixes, the
// example-case lenses and their `verdict.runCases` command) comes from the server.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('verdict');
  const command = config.get('path') || 'verdict';
  const serverOptions = {
    run: { command, args: ['lsp'] },
    debug: { command, args: ['lsp'] },
  };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'verdict' }, { scheme: 'untitled', language: 'verdict' }],
    // Files changed outside the editor (git checkout, `verdict fmt`) are read again.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.rules') },
    initializationOptions: { debounceMilliseconds: config.get('debounceMilliseconds') },
  };
  client = new LanguageClient('verdict', 'Verdict', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('verdict.path')) {
        vscode.window.showInformationMessage('Verdict: reload the window to use the new `verdict.path`.');
      }
    })
  );
  return client.start().catch((err) => {
    vscode.window.showErrorMessage(
      `Verdict: cannot start \`${command} lsp\` (${err.message}). Set \`verdict.path\` to the verdict executable.`
    );
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
