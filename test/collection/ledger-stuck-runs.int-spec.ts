import { INestApplicationContext } from '@nestjs/common';
import { SlotLedgerService } from '@tally/collectors';
import { Client } from 'pg';
import { startApi, TestApi } from '../support/api-app';
import { Inventory } from '../support/factories';
import { startSshd, TestSshd } from '../support/sshd';
import { dropRedisPrefix, privateDatabase, startWorkerApp, waitFor } from './collection-env';
import { FINISHED, ledger, ledgerEnv, MINUTE } from './ledger-env';

/**
 * Runs left `running` because their queued poll jobs vanished (Redis lost its data): made in
 * SQL as that leaves them, started long ago with no outcome for some targets. The worker's
 * reconciler, without a restart or an API call, resumes the one whose slot is still open (its
 * node gets collected) and finishes the one whose slot closed as partial with the reason. A
 * run that started recently is left alone.
 */
describe('runs stuck running after their poll jobs were lost', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let sshd: TestSshd;
  let worker: INestApplicationContext;
  let pg: Client;
  let node: string;
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  // A slot closes 11 minutes after it starts (1-minute interval, 10 minutes' late-push grace).
  const open = new Date(now - 4 * MINUTE);
  const closed = new Date(now - 20 * MINUTE);
  const healthy = new Date(now - 2 * MINUTE);

  beforeAll(async () => {
    db = await privateDatabase();
    env = ledgerEnv(db.url, { TALLY_LATE_PUSH_GRACE_MINUTES: '10' });
    [api, sshd] = await Promise.all([startApi(env), startSshd()]);
    const inv = await new Inventory(api).init();
    node = await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: await inv.credential('ssh-private-key', sshd.privateKey) });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const stuck = `INSERT INTO collection_runs (kind, slot, state, trigger, total, ok_count, error_count, started_at)
                   VALUES ('collect', $1, 'running', 'schedule', $2, $3, 0, $4) RETURNING id`;
    await pg.query(stuck, [open.toISOString(), 1, 0, new Date(open.getTime() + 5_000).toISOString()]);
    // Two targets: one succeeded, the other's poll job was lost.
    const { rows: [c] } = await pg.query(stuck, [closed.toISOString(), 2, 1, new Date(closed.getTime() + 5_000).toISOString()]);
    await pg.query(`INSERT INTO collection_run_outcomes (run_id, target, ok, samples, at) VALUES ($1, 'gone', true, 0, $2)`, [c.id, closed.toISOString()]);
    // Young for the whole wait however slow the machine (it is set to now before it is judged).
    await pg.query(stuck, [healthy.toISOString(), 1, 0, new Date(Date.now() + 10 * MINUTE).toISOString()]);
    worker = await startWorkerApp(env);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await pg?.end();
    await sshd?.stop();
    await dropRedisPrefix(env?.TALLY_QUEUE_PREFIX ?? 'none');
    await db?.drop();
  });

  it('resumes the one in an open slot, finishes the one in a closed slot with the reason, and leaves a recent one alone', async () => {
    const done = await waitFor('both stuck runs finished', async () => {
      const rows = await ledger(pg);
      const [a, b] = [rows.get(open.getTime()), rows.get(closed.getTime())];
      return a && b && FINISHED.includes(a.state) && FINISHED.includes(b.state) && { a, b };
    }, 90_000);

    expect(done.a.state).toBe('succeeded');
    const { rows: outcomes } = await pg.query(`SELECT target, ok FROM collection_run_outcomes WHERE run_id = $1`, [done.a.id]);
    expect(outcomes).toEqual([{ target: node, ok: true }]);

    expect(done.b.state).toBe('partial');
    expect(done.b.reason).toMatch(/^1 of 2 targets never got an outcome .*: worker not running from .* not collected before it closed at /);
    const { rows: events } = await pg.query(`SELECT data FROM events WHERE type = 'collection.finished' AND subject_id = $1`, [done.b.id]);
    expect(events).toHaveLength(1);
    expect(events[0].data.run).toMatchObject({ state: 'partial', total: 2, okCount: 1, errorCount: 0 });

    // A run younger than one interval is its fan-out's still: not resumed, not finished.
    await pg.query(`UPDATE collection_runs SET started_at = now() WHERE kind = 'collect' AND slot = $1`, [healthy.toISOString()]);
    const result = await worker.get(SlotLedgerService).reconcile();
    expect([...result.resumed, ...result.finished]).not.toContain(healthy.toISOString());
    const recent = (await ledger(pg)).get(healthy.getTime())!;
    expect(recent.state).toBe('running');
    const { rows: none } = await pg.query(`SELECT 1 FROM collection_run_outcomes WHERE run_id = $1`, [recent.id]);
    expect(none).toHaveLength(0);
  }, 3 * MINUTE);
});
