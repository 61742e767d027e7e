#!/bin/sh
# The grammar has one source: editors/verdict.tmLanguage.json. This copies it into the
# extension (syntaxes/ is git-ignored). `vsce package` runs it through vscode:prepublish.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/syntaxes"
cp "$here/../verdict.tmLanguage.json" "$here/syntaxes/verdict.tmLanguage.json"
echo "copied the grammar to $here/syntaxes/verdict.tmLanguage.json"
