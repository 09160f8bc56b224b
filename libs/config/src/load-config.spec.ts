import { ConfigError, loadConfig } from './load-config';

const base = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

describe('loadConfig: rate limits', () => {
  it('are on by default, with the documented limits', () => {
    expect(loadConfig(base).rateLimit).toEqual({
      enabled: true,
      key: { limit: 1200, windowSeconds: 60 },
      ingestion: { limit: 120, windowSeconds: 60 },
      authFailures: { limit: 30, windowSeconds: 60 },
      redisTimeoutMs: 100,
    });
  });

  it('read every setting, and name each bad one', () => {
    const config = loadConfig({
      ...base, TALLY_RATE_LIMIT_ENABLED: 'off', TALLY_RATE_LIMIT_KEY_REQUESTS: '10', TALLY_RATE_LIMIT_KEY_WINDOW_SECONDS: '1',
      TALLY_RATE_LIMIT_INGEST_REQUESTS: '2', TALLY_RATE_LIMIT_INGEST_WINDOW_SECONDS: '3', TALLY_RATE_LIMIT_AUTH_FAILURES: '4',
      TALLY_RATE_LIMIT_AUTH_WINDOW_SECONDS: '5', TALLY_RATE_LIMIT_REDIS_TIMEOUT_MS: '50',
    });
    expect(config.rateLimit).toEqual({
      enabled: false, key: { limit: 10, windowSeconds: 1 }, ingestion: { limit: 2, windowSeconds: 3 }, authFailures: { limit: 4, windowSeconds: 5 }, redisTimeoutMs: 50,
    });
    let error: ConfigError | undefined;
    try {
      loadConfig({ ...base, TALLY_RATE_LIMIT_KEY_REQUESTS: '0', TALLY_RATE_LIMIT_AUTH_WINDOW_SECONDS: '1.5', TALLY_RATE_LIMIT_REDIS_TIMEOUT_MS: '9999' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems.map((p) => p.split(' ')[0])).toEqual(['TALLY_RATE_LIMIT_KEY_REQUESTS', 'TALLY_RATE_LIMIT_AUTH_WINDOW_SECONDS', 'TALLY_RATE_LIMIT_REDIS_TIMEOUT_MS']);
  });
});
