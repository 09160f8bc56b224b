import 'reflect-metadata';
import { AppConfig, loadConfig } from '@tally/config';
import { dataSourceOptions } from '@tally/database';
import { parseReportWindow, ReportLine, ReportService } from '@tally/reports';
import { DataSource } from 'typeorm';
import { privateDatabase } from '../collection/collection-env';
import { startApi, TestApi } from '../support/api-app';
import { insertClient, insertMeasurement, insertProject, insertResource, makeTenant, shortId, uniq } from '../support/factories';

/** Design §7: no input a caller may send can make a report fail; values are range-checked at the door. */
describe('sample values that reports can always sum', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api?.close());

  it('refuses two pushed 9e307 with a 400 naming each item, and stores neither', async () => {
    const { project } = await makeTenant(api);
    const resource = (await api.as(api.adminKey).post('/api/v1/resources').send({ projectId: project.id, name: uniq('db'), type: 'database' }).expect(201)).body.id;
    const ts = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const res = await api.as(api.adminKey).post('/api/v1/samples').send({ samples: [
      { resourceId: resource, measurement: 'disk.used', ts: ts(10), value: 9e307 },
      { resourceId: resource, measurement: 'disk.used', ts: ts(5), value: 9e307 },
      { resourceId: resource, measurement: 'disk.used', ts: ts(1), value: 18446744073709551615 },
    ] }).expect(400);
    expect(res.body.errors).toEqual([0, 1].map((index) => ({
      index, field: 'value', message: `samples[${index}].value must be from -1e21 to 1e21, and 0 or at least 1e-300 in magnitude (got 9e+307)`,
    })));
    expect(res.body.message).toMatch(/^samples: 2 of 3 samples are invalid and nothing was stored/);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM samples WHERE resource_id = $1`, [resource]))[0].n).toBe(0);
  });

  it('answers a 3-year report at a 1-minute interval over values swinging through the whole range', async () => {
    const base = loadConfig();
    const config: AppConfig = { ...base, collection: { ...base.collection, intervalMinutes: 1, precacheLeadMinutes: 0 } };
    const service = new ReportService(api.db, config);
    const client = await insertClient(api.db);
    const resource = await insertResource(api.db, await insertProject(api.db, client.id, 'p'), 'swing');
    const counter = await insertMeasurement(api.db, `range${shortId()}.bytes`, 'counter', 'byte');
    const window = parseReportWindow({ from: '2023-01-01', to: '2026-01-01' });
    await api.db.query(`SELECT tally_ensure_sample_partitions($1, $2)`, [new Date(window.from.getTime() - 60_000).toISOString(), window.to.toISOString()]);
    // One sample a minute for three years (1,578,240), cycling −1e21, 1e21, 1e-300, and a baseline of −1e21.
    await api.db.query(
      `INSERT INTO samples (resource_id, measurement_id, ts, value)
       SELECT $1, $2, $3::timestamptz + i * interval '1 minute', CASE WHEN i < 0 THEN -1e21 ELSE (ARRAY[-1e21, 1e21, 1e-300]::float8[])[i % 3 + 1] END
         FROM generate_series(-1, (extract(epoch FROM $4::timestamptz - $3::timestamptz) / 60)::int - 1) AS i`,
      [resource, counter, window.from.toISOString(), window.to.toISOString()],
    );
    const header = await service.header({ clientId: client.id, window });
    const lines: ReportLine[] = [];
    for await (const line of service.lines(header)) lines.push(line);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ samples: 1_578_240, min: -1e21, max: 1e21 });
    for (const x of [line.usage, line.avg]) expect(Number.isFinite(x)).toBe(true);
    // Each rise −1e21 → 1e21 adds 2e21; each reset to −1e21 adds −1e21 (the first, from the baseline, adds 0).
    const cycles = 1_578_240 / 3;
    expect(line.usage / 1e21).toBeCloseTo(cycles * 2 - (cycles - 1), 3);
  }, 120_000);
});

describe('a report over values stored before the range was enforced', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let api: TestApi;
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('still answers after the upgrade: sums take the values clamped into the range, min and max show them as stored', async () => {
    db = await privateDatabase({ migrateBefore: 'SampleValueRange1795520000000' });
    const old = new DataSource(dataSourceOptions(loadConfig({ ...process.env, DATABASE_URL: db.url })));
    await old.initialize();
    const client = await insertClient(old);
    const resource = await insertResource(old, await insertProject(old, client.id, 'p'), 'legacy');
    const [{ id: measurement }] = await old.query(`SELECT id FROM measurements WHERE key = 'memory.used'`);
    await old.query(`SELECT tally_ensure_sample_partitions('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
    // What a push of two 9e307 (and a 1e-320) stored before this change.
    await old.query(
      `INSERT INTO samples (resource_id, measurement_id, ts, value)
       SELECT $1, $2, t.ts, t.value FROM unnest($3::timestamptz[], $4::float8[]) AS t(ts, value)`,
      [resource, measurement, ['2026-01-01T00:00:00Z', '2026-01-01T00:30:00Z', '2026-01-01T01:00:00Z'], [9e307, 9e307, 1e-320]],
    );
    await old.runMigrations({ transaction: 'each' });
    await old.destroy();

    api = await startApi({ DATABASE_URL: db.url });
    const res = await api.as(api.adminKey).get(`/api/v1/clients/${client.id}/report?from=2026-01-01&to=2026-01-02&format=json`).expect(200);
    const line = res.body.projects[0].resources[0].measurements[0];
    expect(line).toMatchObject({ key: 'memory.used', samples: 3, max: 9e307, min: 1e-320, last: 1e-320, avg: 2e21 / 3 });
    expect(line.usage).toBe(1e21 * 0.5 + 1e21 * 0.5);
    await api.as(api.adminKey).get(`/api/v1/clients/${client.id}/report?from=2026-01-01&to=2026-01-02&format=csv`).expect(200);
  });
});
