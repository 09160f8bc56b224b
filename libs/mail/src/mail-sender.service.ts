import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { DedicatedConnection, sweep } from '@tally/database';
import { METRICS, MetricsRegistry } from '@tally/metrics';
import { createTransport, Transporter } from 'nodemailer';
import { CLAIM_MAIL, MARK_FAILED, MARK_SENT, SWEEP_MAIL } from './mail.sql';

/** Mails claimed per round; sent one after another. */
const BATCH = 5;
/** Connecting, the greeting, and any silence on the socket: each this long at most. */
const SMTP_TIMEOUT_MS = 10_000;
/** A claim outlives the slowest batch (three timeouts a mail), so a live sender never loses one; a killed one's returns after it. */
const LEASE_MS = BATCH * 3 * SMTP_TIMEOUT_MS + 10_000;

/** How long the sender rests after Postgres failed it, so an outage is not logged four times a second. */
const ERROR_PAUSE_MS = 5_000;

const SWEEP_EVERY_MS = 3_600_000;

interface Claimed { id: string; recipients: string[]; subject: string; text_body: string; html_body: string | null; attempts: number }

/**
 * Sends the outbox, in the worker, when TALLY_SMTP_URL is set (without it mail waits). A mail
 * SMTP refuses for good (a 5xx) is marked failed; any other failure (SMTP down, a timeout, a
 * 4xx) is retried, waiting twice as long each time up to TALLY_MAIL_RETRY_MAX, so mail goes out
 * once the server is back. Each mail keeps one Message-ID, so a resend after a crash is
 * recognisable as the same message.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailSender');
  private readonly conn: DedicatedConnection;
  private transport?: Transporter;
  private running = false;
  private nextSweep = 0;
  private loop?: Promise<void>;
  private wake?: () => void;

  private readonly attempts = this.metrics.counter(METRICS.mailAttempts);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly metrics: MetricsRegistry,
  ) {
    this.conn = new DedicatedConnection(config.database.url, 'tally-mail-sender');
  }

  onApplicationBootstrap() {
    if (!this.config.mail.smtpUrl) return;
    this.transport = createTransport(
      { url: this.config.mail.smtpUrl, connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: SMTP_TIMEOUT_MS },
      { from: this.config.mail.from },
    );
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown() {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.transport?.close();
    await this.conn.end();
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.sweepNow();
      let claimed: Claimed[] = [];
      try {
        claimed = await this.conn.query<Claimed>(CLAIM_MAIL, [BATCH, LEASE_MS]);
        for (const mail of claimed) {
          if (!this.running) break;
          await this.send(mail);
        }
      } catch (err) {
        this.logger.warn({ err }, 'mail outbox unavailable; trying again');
        await this.sleep(Math.max(this.config.outboxPollMs, ERROR_PAUSE_MS));
      }
      if (this.running && claimed.length < BATCH) await this.sleep(this.config.outboxPollMs);
    }
  }

  private async send(mail: Claimed): Promise<void> {
    try {
      await this.transport!.sendMail({
        from: this.config.mail.from, to: mail.recipients, subject: mail.subject, text: mail.text_body, html: mail.html_body ?? undefined,
        messageId: `<${mail.id}@tally>`,
      });
      await this.conn.query(MARK_SENT, [mail.id]);
      this.attempts.inc({ outcome: 'sent' });
    } catch (e) {
      const err = e as Error & { responseCode?: number; code?: string };
      const permanent = (err.responseCode ?? 0) >= 500;
      this.attempts.inc({ outcome: permanent ? 'failed' : 'retrying' });
      const wait = Math.min(1000 * 2 ** mail.attempts, this.config.mail.retryMaxMs) * (0.8 + 0.4 * Math.random());
      const why = `${err.code ? `${err.code}: ` : ''}${err.message}`.slice(0, 500);
      await this.conn.query(MARK_FAILED, [mail.id, permanent ? 'failed' : 'pending', permanent ? null : new Date(Date.now() + wait), why]);
      this.logger.warn({ mailId: mail.id, attempts: mail.attempts + 1, permanent, error: why }, permanent ? 'SMTP refused a mail for good' : 'mail not sent; retrying');
    }
  }

  /** Hourly, and at start: drops finished rows past TALLY_OUTBOX_RETENTION_DAYS. */
  private async sweepNow(): Promise<void> {
    if (Date.now() < this.nextSweep) return;
    this.nextSweep = Date.now() + SWEEP_EVERY_MS;
    try {
      const n = await sweep(this.conn, SWEEP_MAIL, this.config.outboxRetentionDays);
      if (n) this.logger.log({ removed: n, days: this.config.outboxRetentionDays }, 'old mails removed');
    } catch (err) {
      this.logger.warn({ err }, 'retention sweep failed; trying again in an hour');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
