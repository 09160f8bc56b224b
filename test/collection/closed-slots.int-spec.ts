import { INestApplicationContext } from '@nestjs/common';
import { CollectionRunsService, ReadingsWriter } from '@tally/collectors';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';
import { collectionEnv, dropRedisPrefix, privateDatabase, startWorkerApp } from './collection-env';

const MIN = 60_000;
const SLOT = 30 * MIN;
/** One interval + the pre-cache lead + the default late-push grace. */
const HORIZON = (30 + 15 + 120) * MIN;

/**
 * Closed slots (design §7): a trigger for one is a 409, so old slots can no longer be filled
 * with today's readings; the worker still lands readings it took in time, however late their
 * write, but not readings taken after the slot closed, nor values out of the accepted range.
 */
describe('collecting closed slots', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let billing: string;

  beforeAll(async () => {
    db = await privateDatabase();
    // The real rule, not the week of grace other collection suites open.
    env = collectionEnv(db.url, { TALLY_LATE_PUSH_GRACE_MINUTES: '120' });
    api = await startApi(env);
    worker = await startWorkerApp(env);
    billing = (await api.as(api.adminKey).post('/api/v1/api-keys').send({ name: uniq('billing'), role: 'billing' }).expect(201)).body.key;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const runsOf = async (slots: Date[]) =>
    (await api.db.query(`SELECT count(*)::int AS n FROM collection_runs WHERE kind = 'collect' AND slot = ANY($1::timestamptz[])`, [slots.map((s) => s.toISOString())]))[0].n;
  const trigger = (slot: Date | string) => api.as(billing).post('/api/v1/collections').send({ slot: typeof slot === 'string' ? slot : slot.toISOString() });
  const slotAgo = (ms: number) => new Date(Math.floor((Date.now() - ms) / SLOT) * SLOT);

  it('refuses a trigger for 1999 with 409 naming the boundary, and makes no run', async () => {
    const sent = Date.now();
    const res = await trigger('1999-01-01T00:00:00Z').expect(409);
    expect(res.body.message).toBe(
      `slot: 1999-01-01T00:00:00.000Z closed at 1999-01-01T02:45:00.000Z (data before ${res.body.closedBefore} is final), `
      + 'so no collection may write into it; change closed data with POST /api/v1/corrections',
    );
    expect(Date.parse(res.body.closedBefore)).toBeGreaterThanOrEqual(sent - HORIZON);
    expect(await runsOf([new Date('1999-01-01T00:00:00Z')])).toBe(0);
  });

  it('gives 10 old slots no runs', async () => {
    const slots = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2025, 0, 1) + i * SLOT));
    const statuses = [];
    for (const slot of slots) statuses.push((await trigger(slot)).status);
    expect(statuses).toEqual(Array(10).fill(409));
    expect(await runsOf(slots)).toBe(0);
  });

  it('accepts a past slot while it is open, and not once it has closed', async () => {
    const open = slotAgo(2 * 3600_000); // starts 2–2.5 h ago: open until 2 h 45 min after its start
    expect((await trigger(open).expect(201)).body).toMatchObject({ slot: open.toISOString(), state: 'queued' });
    const closed = slotAgo(3 * 3600_000);
    await trigger(closed).expect(409);
    expect(await runsOf([open, closed])).toBe(1);
  });

  describe('in the worker', () => {
    let resource: string;
    let ids: Record<string, string>;
    const samplesAt = async (slot: Date) => Object.fromEntries((await api.db.query(
      `SELECT m.key, s.value FROM samples s JOIN measurements m ON m.id = s.measurement_id WHERE s.resource_id = $1 AND s.ts = $2`,
      [resource, slot.toISOString()],
    )).map((r: { key: string; value: number }) => [r.key, r.value]));
    async function persist(slot: Date, at: Date, values: Record<string, number>) {
      const runs = worker.get(CollectionRunsService);
      const { run } = await runs.ensure('collect', slot, 'schedule');
      await runs.start(run.id, 1);
      const readings = [{ resourceId: resource, ok: true, values: Object.fromEntries(Object.entries(values).map(([k, v]) => [ids[k], v])) }];
      await worker.get(ReadingsWriter).persist({ runId: run.id, slot: slot.toISOString(), at: at.toISOString(), readings });
      return (await runs.outcomes(run.id))[0];
    }

    beforeAll(async () => {
      const tenant = await makeTenant(api);
      resource = (await api.as(api.adminKey).post('/api/v1/resources').send({ projectId: tenant.project.id, name: uniq('db'), type: 'database' }).expect(201)).body.id;
      ids = Object.fromEntries((await api.db.query(`SELECT key, id FROM measurements`)).map((m: { key: string; id: number }) => [m.key, String(m.id)]));
    });

    it('stores readings taken while their slot was open, however late the write (Postgres was down for days)', async () => {
      const slot = slotAgo(3 * 86_400_000);
      const outcome = await persist(slot, new Date(slot.getTime() + MIN), { 'disk.used': 10, 'memory.used': 20 });
      expect(outcome).toMatchObject({ ok: true, samples: 2 });
      expect(outcome.reason).toBeUndefined();
      expect(await samplesAt(slot)).toEqual({ 'disk.used': 10, 'memory.used': 20 });
    });

    it('does not store readings taken after their slot had closed, and says why on the outcome', async () => {
      const slot = slotAgo(4 * 86_400_000);
      const outcome = await persist(slot, new Date(), { 'disk.used': 10 });
      expect(outcome).toMatchObject({ ok: true, samples: 0 });
      expect(outcome.reason).toMatch(new RegExp(`^read at .*, after slot ${slot.toISOString()} had closed \\(.*\\): not stored, .*POST /api/v1/corrections`));
      expect(await samplesAt(slot)).toEqual({});
    });

    it('drops collected values outside the accepted range with a reason, and stores the rest', async () => {
      const slot = slotAgo(5 * 86_400_000);
      const outcome = await persist(slot, new Date(slot.getTime() + MIN), { 'disk.used': 5, 'memory.used': 1e300, 'memory.total': -2e21 });
      expect(outcome).toMatchObject({ ok: true, samples: 1 });
      expect(outcome.reason).toBe('values outside the accepted range (from -1e21 to 1e21, and 0 or at least 1e-300 in magnitude) not stored: memory.total = -2e+21, memory.used = 1e+300');
      expect(await samplesAt(slot)).toEqual({ 'disk.used': 5 });
    });
  });
});
