import { checkWorkerPool, workerDatabaseShares } from './database-shares';
import { ConfigError, loadConfig } from './load-config';

/** Every setting given at once, each away from its default, so a value read wrongly shows. */
const ENV: Record<string, string> = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '3100',
  TALLY_BODY_LIMIT: '8mb',
  TALLY_JSON_MAX_DEPTH: '40',
  TALLY_LATE_PUSH_GRACE_MINUTES: '90',
  DATABASE_URL: 'postgres://tally:s3cret@db:5432/tally',
  DATABASE_POOL_SIZE: '12',
  DATABASE_READ_URL: 'postgres://tally:s3cret@replica:5432/tally',
  TALLY_REPLICA_MAX_LAG_SECONDS: '20',
  TALLY_REPORT_CONNECTIONS: '5',
  TALLY_REPORT_QUEUE_TIMEOUT_MS: '15000',
  TALLY_REPORT_STATEMENT_TIMEOUT_MS: '45000',
  TALLY_REDIS_COMMAND_TIMEOUT_MS: '3000',
  TALLY_MIGRATE_ON_BOOT: 'false',
  REDIS_URL: 'redis://:r3dis@redis:6379',
  TALLY_QUEUE_PREFIX: 'acme',
  REDIS_CLUSTER_NODES: 'redis-a:7000,redis-b:7001',
  LOG_LEVEL: 'debug',
  TALLY_SECRET_KEYS: `1:${Buffer.alloc(32, 1).toString('base64')},2:${Buffer.alloc(32, 2).toString('base64')}`,
  TALLY_SECRET_KEY_ACTIVE: '1',
  TALLY_ADMIN_KEY: `tally_${'a'.repeat(43)}`,
  TALLY_COLLECT_INTERVAL_MINUTES: '15',
  TALLY_PRECACHE_LEAD_MINUTES: '5',
  TALLY_GANETI_CACHE_MAX_AGE_MINUTES: '30',
  TALLY_GANETI_BATCH_SIZE: '100',
  TALLY_SSH_CONNECT_TIMEOUT_MS: '5000',
  TALLY_SSH_COMMAND_TIMEOUT_MS: '6000',
  TALLY_SSH_CONCURRENCY: '7',
  TALLY_RAPI_CONNECT_TIMEOUT_MS: '7000',
  TALLY_RAPI_TIMEOUT_MS: '8000',
  TALLY_RAPI_CONCURRENCY: '3',
  TALLY_PERSIST_CONCURRENCY: '2',
  TALLY_PERSIST_RETRY_HOURS: '2',
  TALLY_RUN_OUTCOME_RETENTION_DAYS: '9',
  TALLY_BACKOFF_AFTER_FAILURES: '4',
  TALLY_BACKOFF_MAX_SLOTS: '8',
  TALLY_SPOOL_DIR: '/var/lib/tally/spool',
  TALLY_SPOOL_MAX_BYTES: '512mb',
  TALLY_SPOOL_HANDOFF_TIMEOUT_MS: '3000',
  TALLY_SCHEDULE_GRACE_SECONDS: '90',
  TALLY_RECONCILE_INTERVAL_SECONDS: '30',
  TALLY_RECONCILE_LOOKBACK_HOURS: '12',
  TALLY_WORKER_HEALTH_PATH: '/run/tally/worker-health.json',
  TALLY_HOOKS: '/opt/tally/hooks/a.js,/opt/tally/hooks/b.js',
  TALLY_EVENT_RELAY_POLL_MS: '1500',
  TALLY_EVENT_RELAY_BATCH_SIZE: '50',
  TALLY_POLICY_BILLING_REF_PATTERN: '^C-[0-9]+$',
  TALLY_RATE_LIMIT_ENABLED: 'false',
  TALLY_RATE_LIMIT_KEY_REQUESTS: '100',
  TALLY_RATE_LIMIT_KEY_WINDOW_SECONDS: '30',
  TALLY_RATE_LIMIT_INGEST_REQUESTS: '10',
  TALLY_RATE_LIMIT_INGEST_WINDOW_SECONDS: '20',
  TALLY_RATE_LIMIT_AUTH_FAILURES: '5',
  TALLY_RATE_LIMIT_AUTH_WINDOW_SECONDS: '40',
  TALLY_RATE_LIMIT_REDIS_TIMEOUT_MS: '50',
  TALLY_WEBHOOKS_ALLOW_PRIVATE: 'true',
  TALLY_WEBHOOK_TIMEOUT: '3s',
  TALLY_WEBHOOK_RETRY_SCHEDULE: '1s,10s,1m',
  TALLY_WEBHOOK_DISABLE_AFTER: '2d',
  TALLY_WEBHOOK_CONCURRENCY: '5',
  TALLY_SMTP_URL: 'smtp://mailer:pw@mail.example.net:587',
  TALLY_MAIL_FROM: 'tally@example.net',
  TALLY_MAIL_TO: 'ops@example.net,noc@example.net',
  TALLY_MAIL_EVENTS: 'host.*,webhook.disabled',
  TALLY_MAIL_RETRY_MAX: '2m',
  TALLY_ORGANISATION_NAME: 'Example Hosting',
  TALLY_OUTBOX_POLL: '1s',
  TALLY_OUTBOX_RETENTION_DAYS: '14',
  TALLY_METRICS_TOKEN: 'm'.repeat(24),
  TALLY_WORKER_METRICS_HOST: '0.0.0.0',
  TALLY_WORKER_METRICS_PORT: '9464',
  TALLY_QUEUE_DASHBOARD: 'false',
  TALLY_ALERT_ACK_SECRET: 'x'.repeat(40),
  TALLY_ALERT_ACK_TTL_HOURS: '24',
  TALLY_PUBLIC_URL: 'https://tally.example.org',
};

/** A file system of `files`, counting reads; a missing path fails as readFileSync does. */
function files(contents: Record<string, string>) {
  const reads: string[] = [];
  const readFile = (path: string) => {
    reads.push(path);
    if (!(path in contents)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return contents[path];
  };
  return { readFile, reads };
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: NAME_FILE', () => {
  const direct = loadConfig(ENV, files({}).readFile);

  it('is given every setting loadConfig reads, so each is tested below', () => {
    const read = new Set<string>();
    loadConfig(new Proxy(ENV, { get: (env, name: string) => (read.add(name), env[name]) }), files({}).readFile);
    const settings = [...read].filter((n) => !(n.endsWith('_FILE') && read.has(n.slice(0, -'_FILE'.length))));
    expect(settings.sort()).toEqual(Object.keys(ENV).sort());
  });

  it.each(Object.keys(ENV))('reads %s from the file %s_FILE names, once, ignoring the trailing newline', (name) => {
    const { [name]: value, ...rest } = ENV;
    const fs = files({ [`/run/secrets/${name}`]: `${value}\n` });
    const config = loadConfig({ ...rest, [`${name}_FILE`]: `/run/secrets/${name}` }, fs.readFile);
    expect(config).toEqual(direct);
    expect(fs.reads).toEqual([`/run/secrets/${name}`]);
  });

  it('refuses NAME and NAME_FILE both set, naming both', () => {
    const fs = files({ '/s/db': 'postgres://other@db/tally\n' });
    expect(problemsOf(() => loadConfig({ ...ENV, DATABASE_URL_FILE: '/s/db' }, fs.readFile))).toEqual([
      'DATABASE_URL and DATABASE_URL_FILE are both set; set only one of them',
    ]);
  });

  it('names the variable and the path of a file it cannot read or that is empty, and lists every problem', () => {
    const { TALLY_SECRET_KEYS: _keys, TALLY_ADMIN_KEY: _admin, ...rest } = ENV;
    const fs = files({ '/s/admin': ' \n' });
    expect(problemsOf(() => loadConfig({ ...rest, TALLY_SECRET_KEYS_FILE: '/s/missing', TALLY_ADMIN_KEY_FILE: '/s/admin' }, fs.readFile))).toEqual([
      'TALLY_SECRET_KEYS_FILE: cannot read /s/missing (ENOENT)',
      'TALLY_SECRET_KEYS is required in production (see docs/configuration.md)',
      'TALLY_ADMIN_KEY_FILE: /s/admin is empty',
    ]);
  });

  it('validates a value from a file like one from the environment', () => {
    const { REDIS_URL: _redis, ...rest } = ENV;
    const fs = files({ '/s/redis': 'http://redis:6379\n' });
    expect(problemsOf(() => loadConfig({ ...rest, REDIS_URL_FILE: '/s/redis' }, fs.readFile))).toEqual(['REDIS_URL must be a redis:// or rediss:// URL']);
  });

  it('ignores an empty NAME_FILE, as it ignores an empty NAME', () => {
    const fs = files({});
    expect(loadConfig({ ...ENV, DATABASE_URL_FILE: '  ' }, fs.readFile)).toEqual(direct);
    expect(fs.reads).toEqual([]);
  });
});

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

const problems = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

describe('database pool shares', () => {
  it('gives reports a quarter of the pool by default, at least one connection, never all of it', () => {
    expect(loadConfig(base).database.reports.connections).toBe(2);
    expect(loadConfig({ ...base, DATABASE_POOL_SIZE: '2' }).database.reports.connections).toBe(1);
    expect(loadConfig({ ...base, DATABASE_POOL_SIZE: '40' }).database.reports.connections).toBe(10);
    expect(problems({ DATABASE_POOL_SIZE: '4', TALLY_REPORT_CONNECTIONS: '4' })).toEqual([
      'TALLY_REPORT_CONNECTIONS (4) must be smaller than DATABASE_POOL_SIZE (4): reports get a share of the pool, never all of it',
    ]);
    expect(problems({ DATABASE_POOL_SIZE: '1' })).toEqual(['DATABASE_POOL_SIZE must be a whole number from 2 to 200 (got "1")']);
  });

  it('sizes the worker from its jobs, and refuses a pool smaller than their sum, naming what to change', () => {
    const config = loadConfig(base);
    expect(workerDatabaseShares(config)).toEqual({ fanOuts: 1, persists: 4, credentialLookups: 2, precaches: 1, eventRelay: 1, connections: 10 });
    expect(checkWorkerPool(config).connections).toBeLessThanOrEqual(config.database.poolSize);
    const small = loadConfig({ ...base, DATABASE_POOL_SIZE: '8' });
    expect(() => checkWorkerPool(small)).toThrow(/DATABASE_POOL_SIZE \(8\) is too small for the worker, which may use 10 connections .*raise DATABASE_POOL_SIZE to 10 or lower TALLY_PERSIST_CONCURRENCY/);
    expect(checkWorkerPool(loadConfig({ ...base, DATABASE_POOL_SIZE: '8', TALLY_PERSIST_CONCURRENCY: '2' })).connections).toBe(8);
  });
});

describe('loadConfig: webhook and mail durations', () => {
  it('read the Svix schedule and five days by default, and spans with units', () => {
    const config = loadConfig(base);
    expect(config.webhooks.retryScheduleMs).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(config.webhooks.disableAfterMs).toBe(5 * 86_400_000);
    expect(loadConfig({ ...base, TALLY_WEBHOOK_RETRY_SCHEDULE: '50ms, 1.5s,2m' }).webhooks.retryScheduleMs).toEqual([50, 1500, 120_000]);
  });

  it('name a duration without a unit, or out of range', () => {
    expect(problems({ TALLY_WEBHOOK_TIMEOUT: '15', TALLY_WEBHOOK_RETRY_SCHEDULE: '5s,,5m', TALLY_SMTP_URL: 'http://mail' }).map((p) => p.split(' ')[0]))
      .toEqual(['TALLY_WEBHOOK_TIMEOUT', 'TALLY_WEBHOOK_RETRY_SCHEDULE', 'TALLY_SMTP_URL']);
  });
});

describe('loadConfig: metrics and the queue dashboard', () => {
  it('keep the worker without a metrics listener, on loopback when given a port, and the dashboard on', () => {
    const config = loadConfig(base);
    expect(config.metrics).toEqual({ token: undefined, worker: { host: '127.0.0.1', port: 0 } });
    expect(config.queueDashboard).toEqual({ enabled: true });
  });

  it('refuse a metrics token too short to be a secret', () => {
    expect(problems({ TALLY_METRICS_TOKEN: 'short' })).toEqual(['TALLY_METRICS_TOKEN must be at least 16 characters (openssl rand -base64 32 makes one)']);
  });
});
