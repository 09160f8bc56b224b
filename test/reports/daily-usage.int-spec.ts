import { startApi, TestApi } from '../support/api-app';
import { makeTenant, seedReportClient, SeededClient } from '../support/factories';

interface Line { key: string; usage: number; usageUnit: string }
interface Series { resourceId: string; measurementKey: string; usageUnit: string; usage: number[] }

/** The chart's daily figures must be the report's figures for the same days. */
describe('GET /api/v1/clients/:id/usage/daily', () => {
  let api: TestApi;
  let seeded: SeededClient;
  beforeAll(async () => {
    api = await startApi();
    seeded = await seedReportClient(api, 'Daily Lab');
  });
  afterAll(() => api.close());

  async function reportUsage(from: string, to: string, tz: string) {
    const r = (await api.as(api.adminKey).get(`/api/v1/clients/${seeded.client.id}/report`).query({ from, to, tz, format: 'json' }).expect(200)).body;
    const byKey = new Map<string, Line>();
    for (const p of r.projects) for (const res of p.resources) for (const m of res.measurements) byKey.set(`${res.id}/${m.key}`, m);
    return byKey;
  }

  it.each(['UTC', 'Europe/Zurich', 'America/New_York'])('equals the report of each day (%s)', async (tz) => {
    const body = (await api.as(api.adminKey).get(`/api/v1/clients/${seeded.client.id}/usage/daily`).query({ from: '2026-09-29', to: '2026-10-03', tz }).expect(200)).body;
    expect(body.days.map((d: { date: string }) => d.date)).toEqual(['2026-09-29', '2026-09-30', '2026-10-01', '2026-10-02']);
    expect(body.series.length).toBeGreaterThanOrEqual(4);
    let nonZero = 0;
    for (const [i, day] of body.days.entries()) {
      const report = await reportUsage(day.from, day.to, tz);
      for (const s of body.series as Series[]) {
        const line = report.get(`${s.resourceId}/${s.measurementKey}`);
        expect([s.measurementKey, day.date, s.usage[i]]).toEqual([s.measurementKey, day.date, line?.usage ?? 0]);
        if (line) expect(s.usageUnit).toBe(line.usageUnit);
        if (s.usage[i]) nonZero++;
      }
      // Nothing of the day's report is missing from the chart.
      for (const key of report.keys()) expect((body.series as Series[]).some((s) => `${s.resourceId}/${s.measurementKey}` === key)).toBe(true);
    }
    expect(nonZero).toBeGreaterThan(0);
  });

  it('filters by measurement, refuses more than 93 days, and keeps tenants apart', async () => {
    const url = `/api/v1/clients/${seeded.client.id}/usage/daily`;
    const only = (await api.as(api.adminKey).get(url).query({ from: '2026-10-01', to: '2026-10-02', measurement: 'net.rx' }).expect(200)).body;
    expect(only.series.map((s: Series) => s.measurementKey)).toEqual(['net.rx']);
    expect(only.series[0].usage).toEqual([410]);
    const long = await api.as(api.adminKey).get(url).query({ from: '2026-01-01', to: '2026-06-01' }).expect(400);
    expect(long.body.message).toMatch(/^to: daily usage covers at most 93 days/);
    expect((await api.as(api.adminKey).get(url).query({ measurement: 'NOT A KEY' }).expect(400)).body.message).toMatch(/measurement/);
    await api.as(seeded.clientKey).get(url).query({ from: '2026-10-01', to: '2026-10-02' }).expect(200);
    const other = await makeTenant(api);
    await api.as(other.key).get(url).expect(404);
  });
});
