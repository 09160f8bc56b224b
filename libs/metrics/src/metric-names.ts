/**
 * Every metric Tally exports, by name, type, help and labels: a contract, like job names.
 * Dashboards and alerts (docs/grafana-dashboard.json, an operator's rules) query these names,
 * so renaming one, or a label, breaks them silently; add, never rename. Each is documented
 * in docs/metrics.md (a unit test holds the doc to this list).
 *
 * Labels take values from small fixed sets only (a route template, never a raw path; a
 * reason class, never a message): every distinct label value is a series Prometheus keeps.
 * To add a metric (webhooks, the slot ledger), append a definition here and create it with
 * MetricsRegistry.counter/gauge/histogram where it is measured.
 */
export interface MetricDef<L extends string = string> {
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  help: string;
  labels: readonly L[];
  /** Histograms only: bucket upper bounds in seconds. */
  buckets?: readonly number[];
}

function def<L extends string>(d: MetricDef<L>): MetricDef<L> {
  return d;
}

/** Request latencies span a cached read (ms) to a large report (tens of s). */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Jobs span a Redis read (ms) to a fan-out or a pre-cache of a large cluster (minutes). */
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

export const METRICS = {
  httpRequestDuration: def({
    name: 'tally_http_request_duration_seconds',
    type: 'histogram',
    help: 'API requests by method, route template and status, and how long they took; _count is the number of requests',
    labels: ['method', 'route', 'status'],
    buckets: HTTP_BUCKETS,
  }),
  queueJobs: def({
    name: 'tally_queue_jobs',
    type: 'gauge',
    help: 'Jobs in each queue by state (waiting, active, delayed, failed), read from Redis at scrape time',
    labels: ['queue', 'state'],
  }),
  jobDuration: def({
    name: 'tally_job_duration_seconds',
    type: 'histogram',
    help: 'Jobs processed by this worker by queue, job name and outcome (completed, failed, delayed), and how long each attempt took',
    // Not `job`: Prometheus gives every series it scrapes a `job` label of its own (the scrape job).
    labels: ['queue', 'job_name', 'outcome'],
    buckets: JOB_BUCKETS,
  }),
  collectionOutcomes: def({
    name: 'tally_collection_outcomes_total',
    type: 'counter',
    help: 'Resources polled by source (ssh, ganeti) and outcome (ok, failed), with the class of the failure (reason)',
    labels: ['source', 'outcome', 'reason'],
  }),
  samplesWritten: def({
    name: 'tally_samples_written_total',
    type: 'counter',
    help: 'Samples the collection wrote to Postgres (rate() gives samples per second)',
    labels: [],
  }),
  slotLag: def({
    name: 'tally_collection_slot_lag_seconds',
    type: 'gauge',
    help: 'How long after its slot began the latest finished collection finished',
    labels: [],
  }),
  lastSlot: def({
    name: 'tally_collection_last_slot_timestamp_seconds',
    type: 'gauge',
    help: 'Start of the latest slot whose collection finished (Unix time); time() minus it grows while no slot finishes',
    labels: [],
  }),
  precacheAge: def({
    name: 'tally_ganeti_precache_age_seconds',
    type: 'gauge',
    help: "Age of each Ganeti cluster's cached answer, as this worker last saw it",
    labels: ['cluster'],
  }),
  slotsMissed: def({
    name: 'tally_collection_slots_missed_total',
    type: 'counter',
    help: 'Slot boundaries this worker recorded in the ledger as missed (closed with no collection), by kind (collect, precache)',
    labels: ['kind'],
  }),
  webhookAttempts: def({
    name: 'tally_webhook_delivery_attempts_total',
    type: 'counter',
    help: 'Webhook delivery attempts this worker made, by outcome: delivered, retrying (it will be tried again), failed (given up)',
    labels: ['outcome'],
  }),
  webhookDuration: def({
    name: 'tally_webhook_delivery_duration_seconds',
    type: 'histogram',
    help: 'How long each webhook delivery attempt took, from connecting to the answer, by outcome',
    labels: ['outcome'],
    buckets: HTTP_BUCKETS,
  }),
  webhookPending: def({
    name: 'tally_webhook_deliveries_pending',
    type: 'gauge',
    help: 'Webhook deliveries waiting to be sent or retried, read from Postgres at scrape time',
    labels: [],
  }),
  mailAttempts: def({
    name: 'tally_mail_send_attempts_total',
    type: 'counter',
    help: 'E-mails this worker tried to hand to SMTP, by outcome: sent, retrying, failed (refused for good)',
    labels: ['outcome'],
  }),
  up: def({
    name: 'tally_up',
    type: 'gauge',
    help: 'Whether a dependency (postgres, redis) answered within the scrape timeout (1) or not (0)',
    labels: ['dependency'],
  }),
} as const;

/**
 * The classes a failed poll is counted under (tally_collection_outcomes_total{reason}); the
 * run's outcome keeps the full message. `none` for a poll that succeeded.
 */
export const FAILURE_CLASSES = [
  'none',
  'config', // the resource lacks what a poll needs (host, user, credential, cluster)
  'credential', // the credential is unreadable or of the wrong kind
  'connect', 'hostkey', 'auth', 'exec', 'parse', 'timeout', // SSH, by the stage that failed
  'cache-missing', 'cache-stale', 'instance-missing', 'instance-unreadable', // Ganeti pre-cache
  'retries-exhausted', // infrastructure failed for every attempt of the poll job
  'other',
] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];

/** Scrape-time reads (Redis, Postgres) give up after this long, so a scrape never hangs. */
export const SCRAPE_READ_TIMEOUT_MS = 1_500;
