import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { eventMatches } from '../event-types';
import { AfterHook, HookInfo } from '../hooks/hook';
import { HookRegistry } from '../hooks/hook-registry';
import { EVENTS_AFTER, LOG_HEAD } from '../event-log.sql';
import { EventRow, toStoredEvent } from '../stored-event';

/** How long a failing hook rests before its batch is offered again. */
const RETRY_AFTER_ERROR_MS = 5_000;
/** How often a lost LISTEN connection is tried again (polling covers the gap). */
const RELISTEN_MS = 30_000;

/**
 * Feeds the log to the after-hooks, in the worker. Each hook has a cursor (event_cursors) and
 * reads in log order: by the commit number of the writing transaction, then by id
 * (event-log.sql.ts), so no event can appear behind a cursor. A batch, the hook's own writes and the cursor move are one transaction: a crash
 * replays the batch, never loses it. Replicas share the work through the cursor row's lock
 * (FOR UPDATE SKIP LOCKED). A NOTIFY at every commit wakes the relay; a poll covers a lost
 * listener.
 */
@Injectable()
export class EventRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventRelay');
  private listener?: Client;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly backoffUntil = new Map<string, number>();
  private nextListen = 0;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly hooks: HookRegistry,
  ) {}

  async onApplicationBootstrap() {
    if (!this.hooks.after.length) return;
    for (const { info } of this.hooks.after) await this.ensureCursor(info.name);
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown() {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Hands every pending event to every hook once; resolves when all are caught up. For tests and start-up. */
  async drain(): Promise<void> {
    // Waits for a replica (or this relay's own loop) holding a cursor, rather than skipping it.
    for (const { info, hook } of this.hooks.after) while ((await this.step(info, hook, true)) === this.config.events.relayBatchSize);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let busy = false;
      for (const { info, hook } of this.hooks.after) {
        if ((this.backoffUntil.get(info.name) ?? 0) > Date.now()) continue;
        try {
          busy = (await this.step(info, hook)) === this.config.events.relayBatchSize || busy;
          this.backoffUntil.delete(info.name);
        } catch (err) {
          // The batch stays where it is and is offered again: a hook never silently skips events.
          this.logger.error({ err, hook: info.name }, 'after-hook failed; its batch will be retried');
          this.backoffUntil.set(info.name, Date.now() + RETRY_AFTER_ERROR_MS);
        }
      }
      if (!this.listener && Date.now() >= this.nextListen) {
        this.nextListen = Date.now() + RELISTEN_MS;
        await this.listen();
      }
      if (!busy && this.running) await this.sleep(this.config.events.relayPollMs);
    }
  }

  /** One batch for one hook, in one transaction. Returns how many events it moved past. */
  private async step(info: HookInfo, hook: AfterHook, wait = false): Promise<number> {
    return this.db.transaction(async (tx: EntityManager) => {
      const [cursor]: { seq: string; event_id: string }[] = await tx.query(
        `SELECT seq::text, event_id::text FROM event_cursors WHERE consumer = $1 FOR UPDATE ${wait ? '' : 'SKIP LOCKED'}`, [info.name]);
      if (!cursor) return 0; // another replica holds this hook right now
      const rows: EventRow[] = await tx.query(EVENTS_AFTER, [cursor.seq, cursor.event_id, this.config.events.relayBatchSize]);
      if (!rows.length) return 0;
      const matching = rows.filter((r) => info.events.some((p) => eventMatches(p, r.type))).map(toStoredEvent);
      if (matching.length) await hook.handle(matching, tx);
      const last = rows[rows.length - 1];
      await tx.query(`UPDATE event_cursors SET seq = $2, event_id = $3, updated_at = now() WHERE consumer = $1`, [info.name, last.seq, last.id]);
      return rows.length;
    });
  }

  /** A hook seen for the first time starts at the end of the log: it is not fed history. */
  private async ensureCursor(consumer: string): Promise<void> {
    await this.db.query(`INSERT INTO event_cursors (consumer, seq, event_id) SELECT $1, seq, event_id FROM (${LOG_HEAD}) h ON CONFLICT (consumer) DO NOTHING`, [consumer]);
  }

  private async listen(): Promise<void> {
    if (!this.running) return;
    try {
      const client = new Client({ connectionString: this.config.database.url, application_name: 'tally-event-relay' });
      client.on('notification', () => this.wake?.());
      client.on('error', (err) => {
        this.logger.warn({ err }, 'event listener lost; polling until it is back');
        this.listener = undefined;
      });
      await client.connect();
      await client.query('LISTEN tally_events');
      this.listener = client;
    } catch (err) {
      this.logger.warn({ err }, 'cannot LISTEN for events; polling instead');
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
