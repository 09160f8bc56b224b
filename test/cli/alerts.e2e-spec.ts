import { AddressInfo } from 'node:net';
import { startApi, TestApi } from '../support/api-app';
import { uniq } from '../support/factories';
import { feeder, seriesFixture } from '../alerts/alert-support';
import { ensureCliBuilt, runCli } from './cli-runner';

describe('tally alerts and tally maintenance against the API', () => {
  let api: TestApi;
  let env: Record<string, string>;
  const tally = (args: string[]) => runCli(args, env);

  beforeAll(async () => {
    ensureCliBuilt();
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    env = { TALLY_URL: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`, TALLY_API_KEY: api.adminKey };
  });
  afterAll(() => api.close());

  it('lists, shows and acknowledges an incident; opens and deletes a maintenance window', async () => {
    const f = await seriesFixture(api);
    const rule = (await api.as(api.adminKey).post('/api/v1/alert-rules')
      .send({ name: uniq('cli rule'), measurement: f.measurement, scopeType: 'resource', scopeId: f.resourceId, crit: 90 }).expect(201)).body;
    await feeder(api, f, '2026-06-20T00:00:00Z').feed(95, 95, 95);

    const list = await tally(['alerts', 'list', '--rule', rule.id, '--json']);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    const [incident] = JSON.parse(list.stdout).items;
    expect(incident).toMatchObject({ status: 'open', severity: 'crit', ruleId: rule.id });
    const shown = await tally(['alerts', 'show', String(incident.id)]);
    expect(shown.stdout).toMatch(new RegExp(`^ID\\s+STATUS\\s+SEVERITY\\s+RULE.*\\n${incident.id}\\s+open\\s+crit\\s+${rule.name}\\s+`));
    const acked = await tally(['alerts', 'ack', String(incident.id), '--json']);
    expect(JSON.parse(acked.stdout)).toMatchObject({ id: incident.id, acknowledgedBy: expect.stringMatching(/^test-admin-/) });
    const again = await tally(['alerts', 'ack', String(incident.id)]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/acknowledged already.*\(HTTP 409/);

    const started = await tally(['maintenance', 'start', 'kernel update', '--scope', 'resource', '--id', f.resourceId, '--minutes', '30', '--json']);
    const window = JSON.parse(started.stdout);
    expect(window).toMatchObject({ name: 'kernel update', scopeType: 'resource', scopeId: f.resourceId });
    expect(Date.parse(window.endsAt) - Date.parse(window.startsAt)).toBe(30 * 60_000);
    expect((await tally(['maintenance', 'delete', window.id])).code).toBe(0);
    await api.as(api.adminKey).get(`/api/v1/maintenance-windows/${window.id}`).expect(404);
  });
});
