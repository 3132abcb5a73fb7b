// Tokenizes `.infra` files with VS Code's TextMate engine (vscode-textmate + vscode-oniguruma)
// and the extension's grammar. Run by tests/vscode.rs with NODE_PATH set to the cached tools.
//
//   node tokenize.js GRAMMAR check FILE...   prints each non-whitespace text that has only the
//                                            root scope or an `invalid` scope; exits 1 if any
//   node tokenize.js GRAMMAR dump FILE       prints every token as a JSON line [text, scopes]
"use strict";

const fs = require("fs");
const path = require("path");
const oniguruma = require("vscode-oniguruma");
const textmate = require("vscode-textmate");

async function grammar(file) {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => textmate.parseRawGrammar(fs.readFileSync(file, "utf8"), file),
  });
  return registry.loadGrammar("source.infragen");
}

function* tokens(g, text) {
  let stack = textmate.INITIAL;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const result = g.tokenizeLine(line, stack);
    for (const t of result.tokens) {
      yield { line: i + 1, column: t.startIndex + 1, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes };
    }
    stack = result.ruleStack;
  }
}

async function main() {
  const [grammarFile, mode, ...files] = process.argv.slice(2);
  const g = await grammar(grammarFile);
  let bad = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const t of tokens(g, text)) {
      if (mode === "dump") {
        console.log(JSON.stringify([t.text, t.scopes]));
        continue;
      }
      const unknown = t.scopes.length === 1 && t.text.trim() !== "";
      const invalid = t.scopes.some((s) => s.startsWith("invalid"));
      if (unknown || invalid) {
        bad++;
        console.log(`${file}:${t.line}:${t.column}: ${JSON.stringify(t.text)} ${t.scopes.join(" ")}`);
      }
    }
  }
  if (mode === "check") {
    console.log(`${files.length} files tokenized, ${bad} unscoped or invalid regions`);
  }
  process.exit(bad === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
