'use strict';
// `npm run openapi:types`: writes apps/cli/src/generated/api.ts from the OpenAPI document
// (openapi-typescript), which dist/apps/api/src/commands/openapi-document.js builds without
// starting any server. `--document FILE --print` prints the types of a given document instead:
// test/cli/openapi-types.int-spec.ts uses it to fail when the committed file is stale.
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const TYPES_FILE = path.join(ROOT, 'apps', 'cli', 'src', 'generated', 'api.ts');
const HEADER = [
  '// Generated from the OpenAPI document by `npm run openapi:types` (openapi-typescript).',
  '// Do not edit: change the API, then run it again. A test fails when this file is stale.',
  '',
  '',
].join('\n');

async function apiTypes(document) {
  const { default: openapiTS, astToString } = require('openapi-typescript');
  // A default is what the server assumes when a field is left out, so the field stays optional.
  const ast = await openapiTS(document, { silent: true, defaultNonNullable: false });
  return HEADER + astToString(ast);
}

function builtDocument() {
  const command = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'commands', 'openapi-document.js');
  return JSON.parse(execFileSync(process.execPath, [command], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8'));
}

async function main() {
  const args = process.argv.slice(2);
  const from = args.indexOf('--document');
  const document = from >= 0 ? JSON.parse(readFileSync(args[from + 1], 'utf8')) : builtDocument();
  const types = await apiTypes(document);
  if (args.includes('--print')) return void process.stdout.write(types);
  writeFileSync(TYPES_FILE, types);
  console.log(`wrote ${path.relative(process.cwd(), TYPES_FILE)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
