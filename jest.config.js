// Three tiers (design §6): unit tests (pure logic, no I/O), integration tests (real Postgres,
// Redis, sshd, HTTPS stand-ins, in this process) and end-to-end tests (the built processes, the
// CLI, Chromium). `npm test` runs all three; `npm run test:unit|test:int|test:e2e` one.
const fs = require('fs');

// Every run gets a database of its own (dropped when it ends) unless TALLY_TEST_DATABASE names
// one, so two runs on one machine never drop each other's. Set here, in the parent process,
// so the global setup and every Jest worker read the same name.
process.env.TALLY_TEST_DATABASE ??= `tally_test_${Date.now().toString(36)}_${process.pid}`;

const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const libs = fs.readdirSync(`${__dirname}/libs`).filter((l) => fs.existsSync(`${__dirname}/libs/${l}/src/index.ts`));
const moduleNameMapper = Object.fromEntries(libs.map((l) => [`^@tally/${l}$`, `<rootDir>/libs/${l}/src`]));
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
};
const withServices = {
  ...common,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup/env.ts'],
};
// `npm run fuzz -- --url …` fuzzes a running API: no test database or services of our own.
const fuzzRemote = { ...common, displayName: 'fuzz', testMatch: ['<rootDir>/test/api/fuzz.int-spec.ts'] };
module.exports = process.env.TALLY_FUZZ_URL ? { testTimeout: 60000, projects: [fuzzRemote] } : {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    { ...withServices, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...withServices, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
