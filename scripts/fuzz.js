'use strict';
// `npm run fuzz -- [--requests N] [--seed S] [--url http://host:port --key tally_…]`
//
// The fuzz suite of `npm test` (test/api/fuzz.int-spec.ts), longer. Without --url it starts the
// API in-process on a test database of its own (created and dropped, like `npm test`; needs
// PostgreSQL and Redis as the tests do). With --url and an admin --key it fuzzes that API,
// creating a few fuzz-* objects and keys there. Prints requests made, statuses and 5xx count;
// exits 1 on any 5xx or contract failure.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const USAGE = 'usage: npm run fuzz -- [--requests N] [--seed S] [--url URL --key ADMIN_KEY]';
const args = process.argv.slice(2);
const options = { requests: '20000', seed: String(Date.now() % 1_000_000_007), url: undefined, key: undefined };
for (let i = 0; i < args.length; i += 2) {
  const name = args[i].replace(/^--/, '');
  if (!(name in options) || args[i + 1] === undefined) {
    console.error(USAGE);
    process.exit(2);
  }
  options[name] = args[i + 1];
}
if (!/^\d+$/.test(options.requests) || !/^\d+$/.test(options.seed) || (options.url && !options.key)) {
  console.error(USAGE);
  process.exit(2);
}

const env = { ...process.env, TALLY_FUZZ_REQUESTS: options.requests, TALLY_FUZZ_SEED: options.seed };
if (options.url) Object.assign(env, { TALLY_FUZZ_URL: options.url, TALLY_FUZZ_KEY: options.key });
const jest = path.join(__dirname, '..', 'node_modules', '.bin', 'jest');
const run = spawnSync(jest, ['--ci', 'test/api/fuzz.int-spec.ts'], { cwd: path.join(__dirname, '..'), env, stdio: 'inherit' });
process.exit(run.status ?? 1);
