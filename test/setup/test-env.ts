// The environment every integration test runs with. CI and developers may override the
// service addresses; everything else is fixed so runs are repeatable.
// jest.config.js names a fresh database per run; 'tally_test' only when a test file runs outside Jest's config.
export const TEST_DATABASE = process.env.TALLY_TEST_DATABASE ?? 'tally_test';
export const PG_ADMIN_URL = process.env.TALLY_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDatabaseUrl(): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${TEST_DATABASE}`;
  return url.toString();
}

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  DATABASE_URL: testDatabaseUrl(),
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  // A fixed, test-only key (32 bytes, base64); never used outside tests.
  TALLY_SECRET_KEYS: '1:dGFsbHktdGVzdC1rZXktMDEyMzQ1Njc4OWFiY2RlZiE=',
  TALLY_MIGRATE_ON_BOOT: 'false',
  // Suites make thousands of requests with one key, and many failed ones, from one address in
  // seconds; the production limits would throttle them. The limiter stays on, so every suite
  // still goes through it; test/api/rate-limits.int-spec.ts sets limits of its own.
  TALLY_RATE_LIMIT_KEY_REQUESTS: '1000000',
  TALLY_RATE_LIMIT_INGEST_REQUESTS: '1000000',
  TALLY_RATE_LIMIT_AUTH_FAILURES: '1000000',
  // Webhook receivers in tests listen on loopback; test/webhooks/target-address.int-spec.ts turns this off.
  TALLY_WEBHOOKS_ALLOW_PRIVATE: 'true',
};
