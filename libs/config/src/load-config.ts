import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, NodeEnv } from './config.types';

type Env = Record<string, string | undefined>;
/** Reads a `*_FILE` variable's file; injectable so the rules are unit-tested without files. */
export type ReadFile = (path: string) => string;

/** Raised at boot when the environment is unusable; lists every bad variable at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}\nSee docs/configuration.md.`);
    this.name = 'ConfigError';
  }
}

/**
 * Every setting may instead be given as a file: `NAME_FILE=/run/secrets/name` (Docker and
 * Kubernetes secrets), so a secret need not sit in the environment, where `ps e`, `docker
 * inspect` and crash reports show it. The file is read once, here; surrounding whitespace (the
 * trailing newline an editor or `echo` adds) is dropped. Setting both NAME and NAME_FILE is an
 * error rather than a precedence rule nobody remembers.
 */
class Reader {
  readonly problems: string[] = [];
  private readonly values = new Map<string, string | undefined>();
  constructor(
    private readonly env: Env,
    private readonly readFile: ReadFile,
  ) {}

  /** The trimmed value of NAME (or of the file NAME_FILE names); undefined when unset or empty. */
  private raw(name: string): string | undefined {
    if (!this.values.has(name)) this.values.set(name, this.lookup(name));
    return this.values.get(name);
  }

  private lookup(name: string): string | undefined {
    const direct = this.env[name]?.trim() || undefined;
    const file = this.env[`${name}_FILE`]?.trim();
    if (!file) return direct;
    if (direct !== undefined) {
      this.problems.push(`${name} and ${name}_FILE are both set; set only one of them`);
      return direct; // checked as usual, so this is the one problem reported about it
    }
    let content: string;
    try {
      content = this.readFile(file).trim();
    } catch (e) {
      this.problems.push(`${name}_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return undefined;
    }
    if (!content) this.problems.push(`${name}_FILE: ${file} is empty`);
    return content || undefined;
  }

  str(name: string, fallback?: string): string {
    const raw = this.raw(name);
    if (raw) return raw;
    if (fallback === undefined) this.problems.push(`${name} is required but not set`);
    return fallback ?? '';
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.raw(name);
    if (!raw) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  /** A size in bytes: "1048576", "512kb", "4mb" (1 kb = 1024 bytes). */
  size(name: string, fallback: string, min: number, max: number): number {
    const raw = this.raw(name)?.toLowerCase();
    const value = parseSize(raw || fallback);
    if (value === undefined || value < min || value > max) {
      this.problems.push(`${name} must be a size from ${min} bytes to ${max / 1024 ** 2}mb, such as 512kb or 4mb (got "${raw}")`);
      return parseSize(fallback)!;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.raw(name)?.toLowerCase();
    if (!raw) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  regex(name: string, fallback: string): RegExp {
    const raw = this.raw(name) ?? fallback;
    try {
      return new RegExp(raw, 'u');
    } catch (e) {
      this.problems.push(`${name} must be a regular expression (${(e as Error).message})`);
      return new RegExp(fallback, 'u');
    }
  }

  /** A comma-separated list; blanks dropped. */
  list(name: string, fallback: string[]): string[] {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    return raw.split(',').map((s) => s.trim()).filter(Boolean);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (!raw) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }

  /** A span such as "500ms", "5s", "5m", "2h" or "5d", in ms. */
  duration(name: string, fallback: string, minMs: number, maxMs: number): number {
    const raw = this.raw(name);
    const value = parseDuration(raw ?? fallback);
    if (value === undefined || value < minMs || value > maxMs) {
      this.problems.push(`${name} must be a duration from ${minMs}ms to ${maxMs / 3_600_000}h, such as 500ms, 5s, 5m, 2h or 5d (got "${raw}")`);
      return parseDuration(fallback)!;
    }
    return value;
  }

  /** A comma-separated list of durations, in ms. */
  durations(name: string, fallback: string, minMs: number, maxMs: number): number[] {
    const raw = this.raw(name);
    const values = (raw ?? fallback).split(',').map((s) => parseDuration(s.trim()));
    if (!values.length || values.some((v) => v === undefined || v < minMs || v > maxMs)) {
      this.problems.push(`${name} must be comma-separated durations from ${minMs}ms to ${maxMs / 3_600_000}h, such as 5s,5m,30m,2h (got "${raw}")`);
      return fallback.split(',').map((s) => parseDuration(s)!);
    }
    return values as number[];
  }

  url(name: string, fallback: string | undefined, protocols: string[]): string {
    const value = this.str(name, fallback);
    if (!value) return value;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) throw new Error();
    } catch {
      this.problems.push(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL`);
    }
    return value;
  }
}

/** `host:port,host:port`: some masters of a Redis Cluster (ioredis discovers the rest). */
function parseClusterNodes(r: { problems: string[] }, name: string, raw: string | undefined): { host: string; port: number }[] | undefined {
  if (raw === undefined) return undefined;
  const nodes = raw.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const m = /^(.+):(\d{1,5})$/.exec(s);
    return m && Number(m[2]) >= 1 && Number(m[2]) <= 65535 ? { host: m[1].replace(/^\[(.*)\]$/, '$1'), port: Number(m[2]) } : undefined;
  });
  if (!nodes.length || nodes.some((n) => !n)) {
    r.problems.push(`${name} must be comma-separated host:port of Redis Cluster nodes, such as 10.0.0.1:6379,10.0.0.2:6379 (got "${raw}")`);
    return undefined;
  }
  return nodes as { host: string; port: number }[];
}

function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/.exec(text.toLowerCase());
  return match ? Math.floor(Number(match[1]) * 1024 ** ['b', 'kb', 'mb', 'gb'].indexOf(match[2] ?? 'b')) : undefined;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text.trim().toLowerCase());
  return match ? Math.round(Number(match[1]) * DURATION_UNITS[match[2]]) : undefined;
}

/** "1:<base64 32 bytes>,2:<base64 32 bytes>" → Map(version → key). */
function parseSecretKeys(r: Reader, name: string, raw: string | undefined, nodeEnv: NodeEnv) {
  const keys = new Map<number, Buffer>();
  if (!raw) {
    if (nodeEnv === 'production') r.problems.push(`${name} is required in production (see docs/configuration.md)`);
    return keys;
  }
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^(\d+):(.+)$/.exec(part);
    const key = match ? Buffer.from(match[2], 'base64') : undefined;
    if (!match || !key || key.length !== 32) {
      r.problems.push(`${name}: each entry must be "<version>:<base64 of 32 bytes>" (generate one with: openssl rand -base64 32)`);
      continue;
    }
    keys.set(Number(match[1]), key);
  }
  return keys;
}

export function loadConfig(env: Env = process.env, readFile: ReadFile = (path) => readFileSync(path, 'utf8')): AppConfig {
  const r = new Reader(env, readFile);
  const nodeEnv = r.oneOf<NodeEnv>('NODE_ENV', ['development', 'production', 'test'], 'development');
  const keys = parseSecretKeys(r, 'TALLY_SECRET_KEYS', r.optional('TALLY_SECRET_KEYS'), nodeEnv);
  const highest = keys.size ? Math.max(...keys.keys()) : 0;
  const activeVersion = r.int('TALLY_SECRET_KEY_ACTIVE', highest, 0, 1_000_000);
  if (keys.size && !keys.has(activeVersion)) {
    r.problems.push(`TALLY_SECRET_KEY_ACTIVE=${activeVersion} names no key in TALLY_SECRET_KEYS`);
  }
  const adminKey = r.optional('TALLY_ADMIN_KEY');
  if (adminKey !== undefined && adminKey.length < 32) {
    r.problems.push('TALLY_ADMIN_KEY must be at least 32 characters (use: npm run --silent key:generate)');
  }

  const metricsToken = r.optional('TALLY_METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 16) r.problems.push('TALLY_METRICS_TOKEN must be at least 16 characters (openssl rand -base64 32 makes one)');

  const poolSize = r.int('DATABASE_POOL_SIZE', 10, 2, 200);
  const clusterNodes = parseClusterNodes(r, 'REDIS_CLUSTER_NODES', r.optional('REDIS_CLUSTER_NODES'));
  const queuePrefix = r.str('TALLY_QUEUE_PREFIX', 'tally');

  const config: AppConfig = {
    nodeEnv,
    http: {
      host: r.str('HOST', '0.0.0.0'),
      port: r.int('PORT', 3000, 1, 65535),
      bodyLimitBytes: r.size('TALLY_BODY_LIMIT', '4mb', 1024, 1024 ** 3),
      jsonMaxDepth: r.int('TALLY_JSON_MAX_DEPTH', 32, 2, 512),
    },
    database: {
      url: r.url('DATABASE_URL', undefined, ['postgres:', 'postgresql:']),
      readUrl: r.optional('DATABASE_READ_URL') === undefined ? undefined : r.url('DATABASE_READ_URL', undefined, ['postgres:', 'postgresql:']),
      poolSize,
      migrateOnBoot: r.bool('TALLY_MIGRATE_ON_BOOT', true),
      reports: {
        connections: r.int('TALLY_REPORT_CONNECTIONS', Math.max(1, Math.floor(poolSize / 4)), 1, 199),
        queueTimeoutMs: r.int('TALLY_REPORT_QUEUE_TIMEOUT_MS', 30_000, 0, 600_000),
        statementTimeoutMs: r.int('TALLY_REPORT_STATEMENT_TIMEOUT_MS', 60_000, 100, 3_600_000),
        maxReplicaLagSeconds: r.int('TALLY_REPLICA_MAX_LAG_SECONDS', 60, 0, 86_400),
      },
    },
    redis: {
      url: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
      clusterNodes,
      // In a cluster every key of ours must hash to one slot (BullMQ's scripts touch many keys
      // of a queue at once, as the rate limiter's and the Ganeti cache's do): a {hash tag}.
      queuePrefix: clusterNodes && !/\{[^}]+\}/.test(queuePrefix) ? `{${queuePrefix}}` : queuePrefix,
      commandTimeoutMs: r.int('TALLY_REDIS_COMMAND_TIMEOUT_MS', 2_000, 100, 60_000),
    },
    rateLimit: {
      enabled: r.bool('TALLY_RATE_LIMIT_ENABLED', true),
      key: { limit: r.int('TALLY_RATE_LIMIT_KEY_REQUESTS', 1200, 1, 1_000_000), windowSeconds: r.int('TALLY_RATE_LIMIT_KEY_WINDOW_SECONDS', 60, 1, 86_400) },
      ingestion: { limit: r.int('TALLY_RATE_LIMIT_INGEST_REQUESTS', 120, 1, 1_000_000), windowSeconds: r.int('TALLY_RATE_LIMIT_INGEST_WINDOW_SECONDS', 60, 1, 86_400) },
      authFailures: { limit: r.int('TALLY_RATE_LIMIT_AUTH_FAILURES', 30, 1, 1_000_000), windowSeconds: r.int('TALLY_RATE_LIMIT_AUTH_WINDOW_SECONDS', 60, 1, 86_400) },
      redisTimeoutMs: r.int('TALLY_RATE_LIMIT_REDIS_TIMEOUT_MS', 100, 5, 5000),
    },
    log: { level: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info') },
    secrets: { keys, activeVersion },
    bootstrapAdminKey: adminKey,
    metrics: {
      token: metricsToken,
      worker: { host: r.str('TALLY_WORKER_METRICS_HOST', '127.0.0.1'), port: r.int('TALLY_WORKER_METRICS_PORT', 0, 0, 65535) },
    },
    queueDashboard: { enabled: r.bool('TALLY_QUEUE_DASHBOARD', true) },
    events: {
      hookModules: r.list('TALLY_HOOKS', []),
      relayPollMs: r.int('TALLY_EVENT_RELAY_POLL_MS', 2_000, 50, 600_000),
      relayBatchSize: r.int('TALLY_EVENT_RELAY_BATCH_SIZE', 500, 1, 10_000),
      billingRefPattern: r.regex('TALLY_POLICY_BILLING_REF_PATTERN', '.+'),
    },
    webhooks: {
      allowPrivateTargets: r.bool('TALLY_WEBHOOKS_ALLOW_PRIVATE', false),
      timeoutMs: r.duration('TALLY_WEBHOOK_TIMEOUT', '15s', 100, 300_000),
      retryScheduleMs: r.durations('TALLY_WEBHOOK_RETRY_SCHEDULE', '5s,5m,30m,2h,5h,10h,10h', 10, 7 * 86_400_000),
      disableAfterMs: r.duration('TALLY_WEBHOOK_DISABLE_AFTER', '5d', 1000, 365 * 86_400_000),
      concurrency: r.int('TALLY_WEBHOOK_CONCURRENCY', 32, 1, 1000),
    },
    mail: {
      smtpUrl: r.optional('TALLY_SMTP_URL'),
      from: r.str('TALLY_MAIL_FROM', 'tally@localhost'),
      to: r.list('TALLY_MAIL_TO', []),
      events: r.list('TALLY_MAIL_EVENTS', ['host.down', 'host.up', 'cluster.cache_failed', 'cluster.cache_recovered', 'webhook.disabled']),
      retryMaxMs: r.duration('TALLY_MAIL_RETRY_MAX', '10m', 10, 86_400_000),
    },
    organisationName: r.str('TALLY_ORGANISATION_NAME', 'Tally'),
    outboxPollMs: r.duration('TALLY_OUTBOX_POLL', '250ms', 10, 600_000),
    outboxRetentionDays: r.int('TALLY_OUTBOX_RETENTION_DAYS', 30, 1, 3650),
    alerts: {
      ackSecret: r.optional('TALLY_ALERT_ACK_SECRET'),
      ackLinkTtlHours: r.int('TALLY_ALERT_ACK_TTL_HOURS', 72, 1, 8760),
      publicUrl: r.url('TALLY_PUBLIC_URL', 'http://localhost:3000', ['http:', 'https:']),
    },
    worker: { healthFile: r.str('TALLY_WORKER_HEALTH_PATH', join(tmpdir(), 'tally-worker-health.json')) },
    collection: {
      intervalMinutes: r.int('TALLY_COLLECT_INTERVAL_MINUTES', 30, 1, 1440),
      precacheLeadMinutes: r.int('TALLY_PRECACHE_LEAD_MINUTES', 15, 0, 1439),
      latePushGraceMinutes: r.int('TALLY_LATE_PUSH_GRACE_MINUTES', 120, 0, 10_080),
      ganetiCacheMaxAgeMinutes: r.int('TALLY_GANETI_CACHE_MAX_AGE_MINUTES', 60, 1, 10080),
      ganetiBatchSize: r.int('TALLY_GANETI_BATCH_SIZE', 4000, 1, 20_000),
      sshConnectTimeoutMs: r.int('TALLY_SSH_CONNECT_TIMEOUT_MS', 10_000, 100, 600_000),
      sshCommandTimeoutMs: r.int('TALLY_SSH_COMMAND_TIMEOUT_MS', 20_000, 100, 600_000),
      sshConcurrency: r.int('TALLY_SSH_CONCURRENCY', 64, 1, 2000),
      rapiConnectTimeoutMs: r.int('TALLY_RAPI_CONNECT_TIMEOUT_MS', 10_000, 100, 600_000),
      rapiTimeoutMs: r.int('TALLY_RAPI_TIMEOUT_MS', 60_000, 100, 600_000),
      rapiConcurrency: r.int('TALLY_RAPI_CONCURRENCY', 8, 1, 256),
      persistConcurrency: r.int('TALLY_PERSIST_CONCURRENCY', 4, 1, 64),
      persistRetryHours: r.int('TALLY_PERSIST_RETRY_HOURS', 6, 1, 168),
      outcomeRetentionDays: r.int('TALLY_RUN_OUTCOME_RETENTION_DAYS', 30, 1, 3650),
      backoffAfterFailures: r.int('TALLY_BACKOFF_AFTER_FAILURES', 3, 1, 1000),
      backoffMaxSlots: r.int('TALLY_BACKOFF_MAX_SLOTS', 16, 2, 4096),
      spool: {
        dir: r.str('TALLY_SPOOL_DIR', join('.tally', 'spool')),
        maxBytes: r.size('TALLY_SPOOL_MAX_BYTES', '1gb', 0, 1024 ** 4),
        handOffTimeoutMs: r.int('TALLY_SPOOL_HANDOFF_TIMEOUT_MS', 5_000, 100, 600_000),
      },
      scheduleGraceSeconds: r.int('TALLY_SCHEDULE_GRACE_SECONDS', 120, 1, 3600),
      reconcileIntervalSeconds: r.int('TALLY_RECONCILE_INTERVAL_SECONDS', 60, 1, 3600),
      reconcileLookbackHours: r.int('TALLY_RECONCILE_LOOKBACK_HOURS', 24, 1, 720),
    },
  };
  if (config.collection.precacheLeadMinutes >= config.collection.intervalMinutes) {
    r.problems.push('TALLY_PRECACHE_LEAD_MINUTES must be smaller than TALLY_COLLECT_INTERVAL_MINUTES');
  }
  if (config.database.reports.connections >= poolSize) {
    r.problems.push(`TALLY_REPORT_CONNECTIONS (${config.database.reports.connections}) must be smaller than DATABASE_POOL_SIZE (${poolSize}): reports get a share of the pool, never all of it`);
  }
  if (config.mail.smtpUrl !== undefined && !/^smtps?:\/\/[^/]/.test(config.mail.smtpUrl)) r.problems.push('TALLY_SMTP_URL must be an smtp:// or smtps:// URL');
  if (config.alerts.ackSecret !== undefined && config.alerts.ackSecret.length < 32) {
    r.problems.push('TALLY_ALERT_ACK_SECRET must be at least 32 characters (openssl rand -base64 32)');
  }
  if (r.problems.length) throw new ConfigError(r.problems);
  return config;
}
