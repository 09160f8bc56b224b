import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { DedicatedConnection, sweep } from '@tally/database';
import { EventsService } from '@tally/events';
import { METRICS, MetricsRegistry, SCRAPE_READ_TIMEOUT_MS, within } from '@tally/metrics';
import { SecretBox } from '@tally/security';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { retryDelayMs } from './retry-schedule';
import { AttemptResult, WebhookSender } from './webhook-sender';
import { webhookHeaders } from './webhook-signature';
import { SubscriptionRow, webhookView } from './webhook-views';
import {
  CLAIM_SUBSCRIPTIONS, COUNT_PENDING, DELIVERIES_CHANNEL, DISABLE_SUBSCRIPTION, PENDING_DELIVERIES, RECORD_ATTEMPTS, RELEASE_SUBSCRIPTION, SWEEP_DELIVERIES,
} from './webhooks.sql';

/** Deliveries of one subscription sent per claim; results are written every FLUSH of them. */
const BATCH = 200;
const FLUSH = 50;
/** How long the loop rests after Postgres failed it, so an outage is not logged four times a second. */
const ERROR_PAUSE_MS = 5_000;

const SWEEP_EVERY_MS = 3_600_000;

interface Claimed {
  id: string;
  url: string;
  secret_ciphertext: Buffer; secret_iv: Buffer; secret_tag: Buffer; key_version: number;
  previous_secret_ciphertext: Buffer | null; previous_secret_iv: Buffer | null; previous_secret_tag: Buffer | null;
  previous_key_version: number | null; previous_valid_until: Date | null;
}
interface Pending { id: string; message_id: string; body: string; attempts: number; next_attempt_at: Date }
interface Attempt { id: string; status: 'pending' | 'delivered' | 'failed'; at: Date; result: AttemptResult; nextAt: Date | null }

/**
 * Sends the deliveries the webhook after-hook queued, in the worker. A subscription is
 * claimed (a lease, taken FOR UPDATE SKIP LOCKED) by one worker at a time, which sends its
 * due deliveries in relay order and stops at the first failure: the rest wait behind it, so
 * a receiver gets each subscription's events in order. A killed worker's lease runs out and
 * another sends again, with the same webhook-id. Sends happen outside any transaction.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly conn: DedicatedConnection;
  private readonly box: SecretBox;
  private readonly sender: WebhookSender;
  private readonly owner = randomUUID();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly leaseMs: number;
  private running = false;
  private nextSweep = 0;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A batch ended while the loop was not asleep: the next sleep returns at once. */
  private woken = false;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
    private readonly metrics: MetricsRegistry,
  ) {
    this.conn = new DedicatedConnection(config.database.url, 'tally-webhook-dispatcher');
    this.box = new SecretBox(config.secrets.keys, config.secrets.activeVersion);
    this.sender = new WebhookSender(config.webhooks.timeoutMs, config.webhooks.allowPrivateTargets);
    // Long enough for a batch, which starts no send later than one timeout plus 5 s in.
    this.leaseMs = 2 * config.webhooks.timeoutMs + 10_000;
  }

  private readonly attempts = this.metrics.counter(METRICS.webhookAttempts);
  private readonly durations = this.metrics.histogram(METRICS.webhookDuration);

  onApplicationBootstrap() {
    if (!this.config.events.hookModules.includes('webhooks')) return;
    const db = this.db;
    this.metrics.gauge(METRICS.webhookPending, async function collect() {
      const rows = await within(SCRAPE_READ_TIMEOUT_MS, () => db.query<{ n: number }[]>(COUNT_PENDING));
      if (rows) this.set(rows[0].n);
      else this.reset();
    });
    this.conn.listen(DELIVERIES_CHANNEL, () => {
      this.woken = true;
      this.wake?.();
    });
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown() {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all(this.inFlight);
    await this.sender.close();
    await this.conn.end();
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.sweepNow();
      let claimed = 0;
      const free = this.config.webhooks.concurrency - this.inFlight.size;
      if (free > 0) {
        try {
          const subscriptions = await this.conn.query<Claimed>(CLAIM_SUBSCRIPTIONS, [free, this.leaseMs, this.owner]);
          claimed = subscriptions.length;
          for (const s of subscriptions) {
            const task: Promise<void> = this.sendBatch(s)
              .catch((err) => this.logger.error({ err, webhookId: s.id }, 'webhook batch failed; its lease runs out and it is sent again'))
              .finally(() => {
                this.inFlight.delete(task);
                this.woken = true;
                this.wake?.();
              });
            this.inFlight.add(task);
          }
        } catch (err) {
          this.logger.warn({ err }, 'cannot claim webhook deliveries; trying again');
          await this.sleep(Math.max(this.config.outboxPollMs, ERROR_PAUSE_MS));
        }
      }
      // Nothing more is due, or every slot is busy: sleeps until a batch ends or the poll comes round.
      if (this.running && (claimed < free || free <= 0)) await this.sleep(this.config.outboxPollMs);
    }
  }

  private async sendBatch(s: Claimed): Promise<void> {
    const started = Date.now();
    const url = new URL(s.url);
    const secrets = this.secretsOf(s);
    const pending = await this.conn.query<Pending>(PENDING_DELIVERIES, [s.id, BATCH]);
    let attempts: Attempt[] = [];
    let outcome: boolean | null = null;
    for (const d of pending) {
      if (d.next_attempt_at.getTime() > Date.now() || Date.now() - started > this.config.webhooks.timeoutMs + 5_000) break;
      const result = await this.sender.send(url, webhookHeaders(secrets, d.message_id, d.body), d.body);
      const at = new Date();
      const measured = (outcome: 'delivered' | 'retrying' | 'failed') => {
        this.attempts.inc({ outcome });
        this.durations.observe({ outcome }, result.latencyMs / 1000);
      };
      if (result.ok) {
        measured('delivered');
        attempts.push({ id: d.id, status: 'delivered', at, result, nextAt: null });
        outcome = true;
        if (attempts.length >= FLUSH) attempts = await this.record(attempts);
        continue;
      }
      const delay = result.abort ? undefined : retryDelayMs(d.attempts + 1, this.config.webhooks.retryScheduleMs);
      measured(delay === undefined ? 'failed' : 'retrying');
      attempts.push({ id: d.id, status: delay === undefined ? 'failed' : 'pending', at, result, nextAt: delay === undefined ? null : new Date(at.getTime() + delay) });
      outcome = false;
      break;
    }
    await this.record(attempts);
    const [released] = await this.conn.query<{ failing_since: Date | null }>(RELEASE_SUBSCRIPTION, [s.id, this.owner, outcome, new Date()]);
    const since = released?.failing_since;
    if (outcome === false && since && Date.now() - since.getTime() >= this.config.webhooks.disableAfterMs) await this.disable(s.id, since);
  }

  private async record(attempts: Attempt[]): Promise<Attempt[]> {
    if (!attempts.length) return [];
    await this.conn.query(RECORD_ATTEMPTS, [
      attempts.map((a) => a.id), attempts.map((a) => a.status), attempts.map((a) => a.at), attempts.map((a) => a.result.statusCode),
      attempts.map((a) => a.result.latencyMs), attempts.map((a) => a.result.error), attempts.map((a) => a.nextAt),
    ]);
    return [];
  }

  /** Failing for longer than TALLY_WEBHOOK_DISABLE_AFTER: off, and an event says so (the e-mail hook can mail it). */
  private async disable(id: string, since: Date): Promise<void> {
    const reason = `every delivery failed since ${since.toISOString()}`;
    await this.db.transaction(async (tx) => {
      const [rows]: [SubscriptionRow[]] = await tx.query(DISABLE_SUBSCRIPTION, [id, reason]);
      if (!rows.length) return;
      const webhook = webhookView(rows[0]);
      await this.events.record(tx, {
        type: 'webhook.disabled', subject: { type: 'webhook', id }, clientId: webhook.clientId, data: { webhook, reason, failingSince: since.toISOString() },
      });
    });
    this.logger.warn({ webhookId: id, failingSince: since }, 'webhook disabled after failing too long');
  }

  /** The current secret, and the one a rotation replaced while it still signs. */
  private secretsOf(s: Claimed): string[] {
    const secrets = [this.box.open({ ciphertext: s.secret_ciphertext, iv: s.secret_iv, tag: s.secret_tag, keyVersion: s.key_version }, s.id)];
    if (s.previous_secret_ciphertext && s.previous_valid_until && s.previous_valid_until.getTime() > Date.now()) {
      secrets.push(this.box.open({ ciphertext: s.previous_secret_ciphertext, iv: s.previous_secret_iv!, tag: s.previous_secret_tag!, keyVersion: s.previous_key_version! }, s.id));
    }
    return secrets;
  }

  /** Hourly, and at start: drops finished rows past TALLY_OUTBOX_RETENTION_DAYS. */
  private async sweepNow(): Promise<void> {
    if (Date.now() < this.nextSweep) return;
    this.nextSweep = Date.now() + SWEEP_EVERY_MS;
    try {
      const n = await sweep(this.conn, SWEEP_DELIVERIES, this.config.outboxRetentionDays);
      if (n) this.logger.log({ removed: n, days: this.config.outboxRetentionDays }, 'old webhook deliveries removed');
    } catch (err) {
      this.logger.warn({ err }, 'retention sweep failed; trying again in an hour');
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
