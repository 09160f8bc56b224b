import { INestApplicationContext } from '@nestjs/common';
import { SlotLedgerService } from '@tally/collectors';
import { slotStart } from '@tally/jobs';
import { Client } from 'pg';
import { collectionEnv, dropRedisPrefix, privateDatabase, startWorkerApp, waitFor } from './collection-env';
import { FINISHED, ledger } from './ledger-env';

const SLOT = 30 * 60_000;

/**
 * Workers that were all down for hours come back, two at once: each walks the ledger at start
 * and again when asked. Every boundary since the last scheduled run gets exactly one row and
 * a missed one exactly one event, whoever got there first; the open boundaries are collected.
 */
describe('the slot ledger with several workers', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let workers: INestApplicationContext[] = [];
  let pg: Client;
  const first = slotStart(Date.now() - 4 * 3_600_000, 30);

  beforeAll(async () => {
    db = await privateDatabase();
    // The real closure rule (no week of grace): a slot closes 45 minutes after it starts.
    env = collectionEnv(db.url, { TALLY_LATE_PUSH_GRACE_MINUTES: '0', TALLY_SCHEDULE_GRACE_SECONDS: '60' });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    // The last slot the schedule collected before every worker stopped.
    await pg.query(
      `INSERT INTO collection_runs (kind, slot, state, trigger, created_at, started_at, finished_at) VALUES ('collect', $1, 'succeeded', 'schedule', $1, $1, $1)`,
      [first.toISOString()],
    );
    workers = await Promise.all([startWorkerApp(env), startWorkerApp(env)]);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await pg?.end();
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  it('gives every boundary one row, and every missed one one event', async () => {
    // Both again at once, on top of their passes at start.
    await Promise.all(workers.map((w) => w.get(SlotLedgerService).reconcile()));

    const last = slotStart(Date.now() - 60_000, 30).getTime();
    const rows = await waitFor('every boundary finished', async () => {
      const l = await ledger(pg);
      for (let b = first.getTime(); b <= last; b += SLOT) if (!FINISHED.includes(l.get(b)?.state ?? '')) return false;
      return l;
    }, 60_000);

    const closedBefore = Date.now() - 45 * 60_000;
    const missed = [...rows.values()].filter((r) => r.state === 'missed');
    const owed = [...rows.values()].filter((r) => r.slot.getTime() > first.getTime() && r.slot.getTime() <= last);
    for (const r of owed) {
      if (r.slot.getTime() < closedBefore - 60_000) {
        expect(r.state).toBe('missed');
        expect(r.reason).toMatch(new RegExp(`^worker not running from ${first.toISOString()} to \\S+: not collected before it closed at ${new Date(r.slot.getTime() + 45 * 60_000).toISOString()}$`));
      } else if (r.slot.getTime() > closedBefore + 60_000) {
        expect(r).toMatchObject({ state: 'succeeded', trigger: 'reconcile' });
      }
    }
    expect(missed.length).toBeGreaterThanOrEqual(6);

    const { rows: events } = await pg.query(`SELECT subject_id FROM events WHERE type = 'collection.slot_missed'`);
    expect(events.map((e) => e.subject_id).sort()).toEqual(missed.map((r) => r.id).sort());
  });
});
