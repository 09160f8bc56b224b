import { AddressInfo } from 'node:net';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant } from '../support/factories';
import { ensureCliBuilt, runCli } from './cli-runner';

describe('tally webhooks', () => {
  let api: TestApi;
  let env: Record<string, string>;
  const tally = (args: string[], extra: Record<string, string> = {}) => runCli(args, { ...env, ...extra });

  beforeAll(async () => {
    ensureCliBuilt();
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    env = { TALLY_URL: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`, TALLY_API_KEY: api.adminKey };
  });
  afterAll(() => api.close());

  it('creates a subscription printing only its secret, lists it, shows its log, and names a bad pattern', async () => {
    const { client, key } = await makeTenant(api);
    const created = await tally(['webhooks', 'create', 'https://hooks.example.net/t', '--events', 'client.*,host.down', '--description', 'crm'], { TALLY_API_KEY: key });
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^whsec_[A-Za-z0-9+/]{32}\n$/);
    const id = /Created webhook ([0-9a-f-]{36})/.exec(created.stderr)![1];
    const listed = JSON.parse((await tally(['webhooks', 'list', '--json'], { TALLY_API_KEY: key })).stdout);
    expect(listed.items).toEqual([expect.objectContaining({ id, clientId: client.id, events: ['client.*', 'host.down'] })]);
    const table = await tally(['webhooks', 'deliveries', id]);
    expect(table.code).toBe(0);
    const bad = await tally(['webhooks', 'create', 'https://hooks.example.net/t', '--events', 'host.dwn']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/events: "host.dwn" match no known event.*HTTP 400/);
    const missing = await tally(['webhooks', 'redeliver', id, '00000000-0000-4000-8000-000000000000']);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringMatching(/delivery .* not found \(HTTP 404/)]);
  });
});
