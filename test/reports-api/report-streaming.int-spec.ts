import { ReportService } from '@tally/reports';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { QueryRunner } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { uniq } from '../support/factories';

/** A client with many silent resources: every (resource, measurement) pair is a line. */
async function seedLargeClient(api: TestApi, resources: number): Promise<string> {
  const admin = api.as(api.adminKey);
  const client = (await admin.post('/api/v1/clients').send({ name: uniq('big') }).expect(201)).body;
  const project = (await admin.post('/api/v1/projects').send({ clientId: client.id, name: 'bulk' }).expect(201)).body;
  await api.db.query(
    `WITH r AS (
       INSERT INTO resources (project_id, name, type, created_at)
       SELECT $1, 'res-' || lpad(g::text, 6, '0'), 'report-test', '2026-01-01T00:00:00Z' FROM generate_series(1, $2) g
       RETURNING id)
     INSERT INTO resource_measurements (resource_id, measurement_id)
     SELECT r.id, m.id FROM r, measurements m WHERE m.key IN ('ganeti.vcpus', 'ganeti.memory', 'ganeti.disk', 'ganeti.running')`,
    [project.id, resources],
  );
  return client.id;
}

describe('report streaming', () => {
  let api: TestApi;
  let port: number;
  let clientId: string;
  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    clientId = await seedLargeClient(api, 3000);
  });
  afterAll(() => api.close());

  it('writes every line of a large client across several cursor fetches', async () => {
    const res = await api.as(api.adminKey).get(`/api/v1/clients/${clientId}/report?from=2026-10-01&to=2026-10-02&format=csv`).buffer(true)
      .parse((r, done) => { let n = 0; r.on('data', (c: Buffer) => (n += c.length)); r.on('end', () => done(null, n)); })
      .expect(200);
    expect(res.body).toBeGreaterThan(1_000_000);
    const json = await api.as(api.adminKey).get(`/api/v1/clients/${clientId}/report?from=2026-10-01&to=2026-10-02`).expect(200);
    expect(json.body.projects[0].resources).toHaveLength(3000);
    expect(json.body.totals.find((t: { key: string }) => t.key === 'ganeti.vcpus')).toMatchObject({ resources: 3000, samples: 0, usage: 0 });
  });

  it.each(['csv', 'json', 'xlsx', 'focus', 'pdf'])('closes the cursor and releases the connection when the caller disconnects mid-stream (%s)', async (format) => {
    const runners: QueryRunner[] = [];
    const original = api.db.createQueryRunner.bind(api.db);
    const spy = jest.spyOn(api.db, 'createQueryRunner').mockImplementation((...args) => {
      const runner = original(...args);
      runners.push(runner);
      return runner;
    });
    const lines = jest.spyOn(api.app.get(ReportService), 'lines');
    try {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(
          { port, host: '127.0.0.1', path: `/api/v1/clients/${clientId}/report?from=2026-10-01&to=2026-10-02&format=${format}`, headers: { Authorization: `Bearer ${api.adminKey}` } },
          (res) => {
            expect(res.statusCode).toBe(200);
            // Stop reading after the first chunk, as a browser whose user cancelled would.
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on('error', (e) => ((e as { code?: string }).code === 'ECONNRESET' ? undefined : reject(e)));
      });
      expect(lines).toHaveBeenCalledTimes(1);
      const deadline = Date.now() + 10_000;
      while (!(runners.length && runners.every((r) => r.isReleased)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(runners.length).toBeGreaterThan(0);
      expect(runners.map((r) => r.isReleased)).toEqual(runners.map(() => true));
    } finally {
      spy.mockRestore();
      lines.mockRestore();
    }
  });
});
