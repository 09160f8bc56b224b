import 'reflect-metadata';
import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, loadConfig } from '@tally/config';
import { DatabaseModule } from '@tally/database';
import { AfterHook, EventRelay, EventRelayModule, EventsService, Hook, StoredEvent } from '@tally/events';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { shortId } from '../support/factories';
import { waitFor } from '../collection/collection-env';

/** What the test hook saw (every relay in this process shares it); its writes go to relay_test_seen. */
const seen: { id: string; type: string }[] = [];
let failNext = 0;

@Hook({ name: 'test-recorder', module: 'test-recorder', phase: 'after', events: ['client.*'], description: 'records what it is handed' })
@Injectable()
class RecorderHook implements AfterHook {
  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    // Written first and thrown after: a failed batch must leave no trace of its writes.
    await manager.query(`INSERT INTO relay_test_seen (event_id) SELECT unnest($1::bigint[])`, [events.map((e) => e.id)]);
    if (failNext > 0) {
      failNext--;
      throw new Error('receiver unavailable');
    }
    seen.push(...events.map((e) => ({ id: e.id, type: e.type })));
  }
}

function relayModule() {
  @Module({ imports: [ConfigModule.forRoot(loadConfig({ ...process.env, TALLY_HOOKS: 'test-recorder', TALLY_EVENT_RELAY_POLL_MS: '100' })), DatabaseModule, EventRelayModule], providers: [RecorderHook] })
  class RelayTestModule {}
  return RelayTestModule;
}

describe('event relay', () => {
  const relays: INestApplicationContext[] = [];
  let db: DataSource;
  let events: EventsService;
  const start = async () => {
    const app = await NestFactory.createApplicationContext(relayModule(), { logger: false });
    await app.init();
    relays.push(app);
    return app;
  };
  const newClientEvent = (tx: EntityManager, id: string) => events.record(tx, { type: 'client.created', subject: { type: 'client', id }, clientId: null, data: { n: id } });
  const handledIds = async (): Promise<string[]> => (await db.query(`SELECT event_id::text AS id FROM relay_test_seen ORDER BY event_id`)).map((r: { id: string }) => r.id);

  beforeAll(async () => {
    const first = await start();
    db = first.get(DataSource);
    events = first.get(EventsService);
    // No key on purpose: a batch handled twice shows as two rows.
    await db.query(`CREATE TABLE IF NOT EXISTS relay_test_seen (event_id bigint NOT NULL)`);
  });
  beforeEach(async () => {
    seen.length = 0;
    failNext = 0;
  });
  afterAll(async () => {
    for (const app of relays) await app.close();
  });

  it('hands events on in commit order, and never skips one that committed after a later-numbered one', async () => {
    const early = new Client({ connectionString: process.env.DATABASE_URL });
    await early.connect();
    try {
      const a = shortId();
      const b = shortId();
      await early.query('BEGIN');
      const { rows: [{ id: aId }] } = await early.query(
        `INSERT INTO events (type, version, subject_type, subject_id, data) VALUES ('client.created', 1, 'client', $1, '{}') RETURNING id::text`, [a]);
      const bId = await db.transaction((tx) => newClientEvent(tx, b)); // a later id, committed first
      // Everything the relay may hand on now, it hands on now: b at once, a not before it commits.
      await relays[0].get(EventRelay).drain();
      expect(Number(aId)).toBeLessThan(Number(bId));
      expect(seen.map((s) => s.id).filter((id) => [aId, bId].includes(id))).toEqual([bId]);
      await early.query('COMMIT');
      await waitFor('the event committed last', async () => seen.some((s) => s.id === aId));
      expect(seen.map((s) => s.id).filter((id) => [aId, bId].includes(id))).toEqual([bId, aId]);
    } finally {
      await early.end();
    }
  });

  it('offers a failed batch again and keeps none of its writes, so each event is handled exactly once', async () => {
    failNext = 1;
    const id = await db.transaction((tx) => newClientEvent(tx, shortId()));
    await waitFor('the retried batch', async () => seen.some((s) => s.id === id), 20_000);
    expect(seen.filter((s) => s.id === id)).toHaveLength(1);
    // The hook has returned, but its transaction (with the cursor) may commit a moment later.
    await waitFor('the batch committed', async () => (await handledIds()).includes(id));
    expect((await handledIds()).filter((h) => h === id)).toHaveLength(1);
  });

  it('shares the log between replicas without handing one event to two of them', async () => {
    await start();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await db.transaction((tx) => newClientEvent(tx, shortId())));
    await waitFor('all 40 events', async () => ids.every((id) => seen.some((s) => s.id === id)), 20_000);
    for (const id of ids) expect(seen.filter((s) => s.id === id)).toHaveLength(1);
    const rows = await handledIds();
    for (const id of ids) expect(rows.filter((r) => r === id)).toHaveLength(1);
  });

  it('ignores events its hook does not listen to, and moves past them', async () => {
    const other = await db.transaction((tx) => events.record(tx, { type: 'host.down', subject: { type: 'resource', id: shortId() }, data: {} }));
    const after = await db.transaction((tx) => newClientEvent(tx, shortId()));
    await waitFor('the next client event', async () => seen.some((s) => s.id === after));
    expect(seen.some((s) => s.id === other)).toBe(false);
  });
});
