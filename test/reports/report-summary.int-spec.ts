import 'reflect-metadata';
import { AppConfig, loadConfig } from '@tally/config';
import { dataSourceOptions } from '@tally/database';
import { parseReportWindow, ReportLine, ReportService, ReportSummaryService, statusOf } from '@tally/reports';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { assign, insertClient, insertMeasurement, insertProject, insertResource, insertSamples, shortId } from '../support/factories';

const NOW = new Date('2026-11-23T19:00:00Z');
const WINDOW = parseReportWindow({ from: '2026-10-01T00:00:00Z', to: '2026-10-01T06:00:00Z' });

/** The summary (one query for all clients) must say what each client's own report totals say. */
describe('ReportSummaryService against the per-client report', () => {
  let db: DataSource;
  let reports: ReportService;
  let summaries: ReportSummaryService;
  let measurements: number[];

  beforeAll(async () => {
    const base = loadConfig();
    const config: AppConfig = { ...base, collection: { ...base.collection, intervalMinutes: 30, precacheLeadMinutes: 15 } };
    db = new DataSource(dataSourceOptions(config));
    await db.initialize();
    reports = new ReportService(db, config);
    summaries = new ReportSummaryService(db, config);
    const p = shortId();
    measurements = [
      await insertMeasurement(db, `sum${p}.a`, 'gauge', 'vCPU'),
      await insertMeasurement(db, `sum${p}.b`, 'counter', 'byte'),
      await insertMeasurement(db, `sum${p}.c`, 'gauge', ''),
    ];
  });
  afterAll(() => db.destroy());

  async function reportLines(clientId: string): Promise<ReportLine[]> {
    const header = await reports.header({ clientId, window: WINDOW, now: NOW });
    const lines: ReportLine[] = [];
    for await (const l of reports.lines(header)) lines.push(l);
    return lines;
  }

  const resourceArb = fc.record({
    type: fc.constantFrom('ganeti-vm', 'node', 'database', 'bucket'),
    active: fc.boolean(),
    // Created before, inside or after the window: after `to` an assignment makes no line.
    createdAt: fc.constantFrom('2026-01-01T00:00:00Z', '2026-10-01T03:00:00Z', '2026-10-02T00:00:00Z'),
    assigned: fc.subarray([0, 1, 2]),
    // Sample offsets in half hours from 2 h before the window to 2 h after it.
    samples: fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: -4, max: 15 })), { maxLength: 12 }),
  });

  it('has the lines, samples, expected and coverage of each client\'s report, for random clients', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(resourceArb, { maxLength: 4 }), { minLength: 1, maxLength: 3 }), async (clients) => {
        const ids: string[] = [];
        for (const resources of clients) {
          const client = await insertClient(db);
          ids.push(client.id);
          const project = await insertProject(db, client.id, 'p');
          for (const [i, r] of resources.entries()) {
            const id = await insertResource(db, project, `r${i}`, { type: r.type, active: r.active, createdAt: r.createdAt });
            for (const m of r.assigned) await assign(db, id, measurements[m]);
            const seen = new Set<string>();
            const rows = r.samples.filter(([m, k]) => !seen.has(`${m}/${k}`) && seen.add(`${m}/${k}`));
            for (const m of [0, 1, 2]) {
              const ts = rows.filter(([mm]) => mm === m).map(([, k]) => ({ ts: new Date(WINDOW.from.getTime() + k * 1_800_000).toISOString(), value: k + 10 }));
              await insertSamples(db, id, measurements[m], ts);
            }
          }
        }
        const all = await summaries.summary({ window: WINDOW, now: NOW });
        for (const id of ids) {
          const lines = await reportLines(id);
          const samples = lines.reduce((s, l) => s + l.samples, 0);
          const expected = lines.reduce((s, l) => s + l.expected, 0);
          const mine = all.clients.find((c) => c.id === id);
          expect(mine).toMatchObject({ lines: lines.length, samples, expected, coverage: expected > 0 ? samples / expected : null });
          // A client key's view: its own client only, with the same figures.
          const own = await summaries.summary({ clientId: id, window: WINDOW, now: NOW });
          expect(own.clients).toEqual([mine]);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('says pushed for push-only clients and ok / partial / failed from the latest collection run', async () => {
    const make = async (types: string[]) => {
      const c = await insertClient(db);
      const p = await insertProject(db, c.id, 'p');
      const ids: string[] = [];
      for (const [i, t] of types.entries()) ids.push(await insertResource(db, p, `r${i}`, { type: t }));
      return { id: c.id, resources: ids };
    };
    const pushed = await make(['database', 'bucket']);
    const empty = await make([]);
    const good = await make(['ganeti-vm', 'database']);
    const half = await make(['ganeti-vm', 'node']);
    const bad = await make(['node']);
    const slot = new Date(Date.UTC(2099, 0, 1) + Math.floor(Math.random() * 10_000) * 1_800_000);
    const [run] = await db.query(
      `INSERT INTO collection_runs (kind, slot, state, trigger, total, ok_count, error_count) VALUES ('collect', $1, 'partial', 'api', 4, 2, 2) RETURNING id`,
      [slot],
    );
    try {
      const outcome = (target: string, ok: boolean) =>
        db.query(`INSERT INTO collection_run_outcomes (run_id, target, ok, reason, samples, at) VALUES ($1, $2, $3, NULL, 1, $4)`, [run.id, target, ok, slot]);
      await outcome(good.resources[0], true);
      await outcome(half.resources[0], true);
      await outcome(half.resources[1], false);
      await outcome(bad.resources[0], false);
      const { clients } = await summaries.summary({ window: WINDOW, now: NOW });
      const status = (id: string) => clients.find((c) => c.id === id)?.status;
      expect([pushed, empty, good, half, bad].map((c) => status(c.id))).toEqual(['pushed', 'none', 'ok', 'partial', 'failed']);
      expect(clients.find((c) => c.id === good.id)?.resources).toEqual({ collected: 1, pushed: 1, inactive: 0, collectedOk: 1 });
    } finally {
      await db.query('DELETE FROM collection_run_outcomes WHERE run_id = $1', [run.id]);
      await db.query('DELETE FROM collection_runs WHERE id = $1', [run.id]);
    }
    // Without any finished run, a collected client cannot be judged yet.
    expect(statusOf({ collected: 2, pushed: 0, collected_ok: 0, has_run: false })).toBe('none');
  });
});
