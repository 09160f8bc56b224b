// Two projects: unit tests (pure logic, no I/O) and integration tests (real Postgres,
// Redis and sshd). `npm test` runs both; `npm run test:unit` only the first.
const fs = require('fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const libs = ['config', 'database', 'tenancy', 'inventory', 'metering', 'collectors', 'jobs', 'reports', 'security', 'runtime'];
const moduleNameMapper = Object.fromEntries(libs.map((l) => [`^@tally/${l}$`, `<rootDir>/libs/${l}/src`]));
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
};
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/env.ts'],

    },
  ],
};
