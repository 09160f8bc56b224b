export type NodeEnv = 'development' | 'production' | 'test';

/** At most `limit` requests in a burst, coming back at limit/windowSeconds per second. */
export interface RateLimitPolicy {
  limit: number;
  windowSeconds: number;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  http: {
    host: string;
    port: number;
    /** Largest request body accepted, in bytes (after decompression); more is a 413. */
    bodyLimitBytes: number;
    /** Deepest nesting of arrays and objects a JSON body may have; checked before parsing. */
    jsonMaxDepth: number;
  };
  database: {
    url: string;
    /** A streaming replica (DATABASE_READ_URL) for report reads; unset: reports read the primary. */
    readUrl?: string;
    /** Connections each process's pool holds at most (the API's health check has one more of its own). */
    poolSize: number;
    /** Apply pending migrations at boot, under an advisory lock. */
    migrateOnBoot: boolean;
    /** The API's reports: a bounded share of the pool, so they never take the connections other requests need. */
    reports: {
      /** Reports that may hold a connection at once; always fewer than poolSize. */
      connections: number;
      /** How long a report waits in line for one before it is answered 503 with Retry-After (0: not at all). */
      queueTimeoutMs: number;
      /** Longest any one statement of a report may run (Postgres statement_timeout). */
      statementTimeoutMs: number;
      /** A report read from a replica further behind than this is provisional whatever its window. */
      maxReplicaLagSeconds: number;
    };
  };
  redis: {
    url: string;
    /** REDIS_CLUSTER_NODES: seed nodes of a Redis Cluster; then REDIS_URL gives only the credentials and TLS. */
    clusterNodes?: { host: string; port: number }[];
    /** BullMQ key prefix; lets several deployments or test runs share one Redis. In a cluster, a {hash tag}. */
    queuePrefix: string;
    /**
     * The API's Redis client fails a command after this long (and never buffers one while
     * disconnected), so an HTTP caller told "not enqueued" can trust it.
     */
    commandTimeoutMs: number;
  };
  /** Kept in Redis so every API replica counts the same requests (docs/api.md). */
  rateLimit: {
    enabled: boolean;
    /** Every request of one API key. */
    key: RateLimitPolicy;
    /** Sample pushes (and other ingestion routes) of one key, on top of `key`. */
    ingestion: RateLimitPolicy;
    /** Failed authentications from one client address; past it the address gets 429 before any lookup. */
    authFailures: RateLimitPolicy;
    /** Longest one request waits for Redis before the per-process limiter decides instead. */
    redisTimeoutMs: number;
  };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  secrets: {
    /** Credential encryption keys by version (32 bytes each). */
    keys: ReadonlyMap<number, Buffer>;
    /** Version new secrets are encrypted with. */
    activeVersion: number;
  };
  events: {
    /** Hook modules turned on (TALLY_HOOKS); the registry refuses to boot with an unknown one. */
    hookModules: string[];
    /** How often the worker's relay looks for new events when no notification woke it. */
    relayPollMs: number;
    /** Events handed to an after-hook per transaction. */
    relayBatchSize: number;
    /** What policy-billing-ref requires of a client's billing reference. */
    billingRefPattern: RegExp;
  };
  webhooks: {
    /** Let subscriptions target private, loopback, link-local and metadata addresses (tests, closed networks). */
    allowPrivateTargets: boolean;
    /** One attempt's limit: connecting, sending and the receiver's answer. */
    timeoutMs: number;
    /** The waits after each failed attempt, in ms (the Svix schedule by default); when they run out the delivery has failed. */
    retryScheduleMs: number[];
    /** A subscription whose deliveries have failed this long without a success is disabled (webhook.disabled). */
    disableAfterMs: number;
    /** Subscriptions one worker sends to at once (each in order, one delivery after another). */
    concurrency: number;
  };
  mail: {
    /** smtp:// or smtps:// with credentials; unset: the outbox keeps mail until it is set. */
    smtpUrl: string | undefined;
    from: string;
    /** Where the e-mail hook sends the events it is given. */
    to: string[];
    /** Event names or `prefix.*` patterns the e-mail hook mails. */
    events: string[];
    /** The longest wait between two attempts at one mail while SMTP fails. */
    retryMaxMs: number;
  };
  /** In subjects and texts sent outside: whose Tally this is. */
  organisationName: string;
  /** How often the worker's webhook and mail senders look for due work. */
  outboxPollMs: number;
  /** Days finished webhook deliveries (with their attempts) and sent or failed mail are kept. */
  outboxRetentionDays: number;
  alerts: {
    /** Signs acknowledgement links; unset: derived from the active credential key (docs/alerts.md). */
    ackSecret: string | undefined;
    /** How long an acknowledgement link stays valid. */
    ackLinkTtlHours: number;
    /** Base URL the links in notifications start with (where operators reach the API). */
    publicUrl: string;
  };
  worker: {
    /** The file the worker refreshes while healthy; `node dist/apps/worker/src/health.js` reads it. */
    healthFile: string;
  };
  /** Prometheus metrics (docs/metrics.md). */
  metrics: {
    /** Bearer token a scrape must send; unset: the API's /metrics answers local callers only, the worker's anyone who reaches it. */
    token: string | undefined;
    /** The worker's own metrics listener; port 0: none. */
    worker: { host: string; port: number };
  };
  /** bull-board at /admin/queues, for admin keys (docs/metrics.md). */
  queueDashboard: { enabled: boolean };
  /** When set, an admin API key with this value is ensured at start-up (stored hashed). */
  bootstrapAdminKey: string | undefined;
  collection: {
    intervalMinutes: number;
    precacheLeadMinutes: number;
    /**
     * How much longer than one interval plus the lead a pushed sample may arrive late; data
     * older than all three is closed (libs/metering closed-periods.ts) and reports on it final.
     */
    latePushGraceMinutes: number;
    ganetiCacheMaxAgeMinutes: number;
    /** Most VMs of one cluster collected and persisted by one job. */
    ganetiBatchSize: number;
    sshConnectTimeoutMs: number;
    sshCommandTimeoutMs: number;
    sshConcurrency: number;
    rapiConnectTimeoutMs: number;
    rapiTimeoutMs: number;
    rapiConcurrency: number;
    /** Persist jobs one worker runs at once (each holds a database connection; see workerDatabaseShares). */
    persistConcurrency: number;
    /** Days a run's per-target outcomes are kept after it finished; the run and its counts are kept for good. */
    outcomeRetentionDays: number;
    /** Slots in a row a host must fail before it is polled with backoff (every 2nd slot, then every 4th...). */
    backoffAfterFailures: number;
    /** The longest gap, in slots, between two polls of a host that keeps failing. */
    backoffMaxSlots: number;
    /** Max time a persist job keeps retrying while Postgres is unreachable. */
    persistRetryHours: number;
    /** The worker's disk spool of readings not yet written to Postgres (docs/collection.md). */
    spool: {
      /** Its directory, created at boot; absolute, or relative to the worker's working directory. */
      dir: string;
      /** The most it holds; past it new readings are refused (and the run says so), never old ones dropped. */
      maxBytes: number;
      /** How long handing a poll's readings to Redis may take before they count as not handed. */
      handOffTimeoutMs: number;
    };
    /** How long after a slot boundary its scheduled run may take to appear before it counts as late (health) and the reconciler steps in. */
    scheduleGraceSeconds: number;
    /** How often the worker's reconciler walks the slot ledger and checks its job schedulers (also at start and after each reconnect). */
    reconcileIntervalSeconds: number;
    /** How far back the reconciler looks for boundaries without a run. */
    reconcileLookbackHours: number;
  };
}
