import { AddressInfo } from 'node:net';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';
import { ensureCliBuilt, runCli } from './cli-runner';

describe('tally rate-cards against the API', () => {
  let api: TestApi;
  let env: Record<string, string>;
  const tally = (args: string[], extra: Record<string, string> = {}) => runCli(args, { ...env, ...extra });
  const json = async (args: string[]) => {
    const res = await tally([...args, '--json']);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(res.stdout);
  };

  beforeAll(async () => {
    ensureCliBuilt();
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    env = { TALLY_URL: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`, TALLY_API_KEY: api.adminKey };
  });
  afterAll(() => api.close());

  it('creates a card, sets flat and tiered prices, changes one, and shows them', async () => {
    const name = uniq('Cli Card');
    const card = await json(['rate-cards', 'create', name, '--currency', 'CHF', '--description', 'from the CLI']);
    expect(card).toMatchObject({ name, currency: 'CHF', minorUnits: 2, description: 'from the CLI' });
    const list = await tally(['rate-cards', 'list', '--name', name]);
    expect(list.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^ID\s+NAME\s+CURRENCY\s+DESCRIPTION$/),
      expect.stringMatching(new RegExp(`^${card.id}\\s+${name}\\s+CHF\\s+from the CLI$`)),
    ]);

    const flat = await tally(['rate-cards', 'set-price', card.id, 'ganeti.vcpus', '0.04', '--from', '2026-11-01']);
    expect(flat).toMatchObject({ code: 0, stderr: '' });
    expect(flat.stdout).toMatch(/^MEASUREMENT\s+PRICE\s+PER\s+FROM\s+TO\s+ID\nganeti\.vcpus\s+0\.04\s+CHF\/vCPU·h\s+2026-11-01\s+-\s+[0-9a-f-]{36}\n$/);
    const tiered = await json(['rate-cards', 'set-price', card.id, 'ganeti.memory', '--unit', 'GiB*h', '--tier', '1000=0.01', '--tier', 'rest=0.008']);
    expect(tiered).toMatchObject({ priceUnit: 'GiB·h', unitPrice: null, tiers: [{ upTo: '1000', unitPrice: '0.01' }, { upTo: null, unitPrice: '0.008' }] });

    const clash = await tally(['rate-cards', 'set-price', card.id, 'ganeti.vcpus', '0.05', '--from', '2026-11-16']);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/^tally: effectiveFrom: \[2026-11-16T00:00:00\.000Z, no end\) overlaps price .* \(or send endPrevious: true\) \(HTTP 409, request id [^)]+\)\n$/);
    const change = await tally(['rate-cards', 'set-price', card.id, 'ganeti.vcpus', '0.05', '--from', '2026-11-16', '--end-previous']);
    expect(change.code).toBe(0);

    const shown = await tally(['rate-cards', 'show', card.id]);
    expect(shown.code).toBe(0);
    const lines = shown.stdout.trimEnd().split('\n');
    expect(lines.slice(4)).toEqual([
      expect.stringMatching(/^MEASUREMENT\s+PRICE\s+PER\s+FROM\s+TO\s+ID$/),
      expect.stringMatching(/^ganeti\.memory\s+0\.01 up to 1000; 0\.008 beyond\s+CHF\/GiB·h\s+2000-01-01\s+-\s/),
      expect.stringMatching(/^ganeti\.vcpus\s+0\.04\s+CHF\/vCPU·h\s+2026-11-01\s+2026-11-16\s/),
      expect.stringMatching(/^ganeti\.vcpus\s+0\.05\s+CHF\/vCPU·h\s+2026-11-16\s+-\s/),
    ]);
    expect(lines.slice(0, 4)).toEqual([expect.stringMatching(/^ID\s+NAME/), expect.stringContaining(card.id), '', 'Prices:']);
    expect(await json(['rate-cards', 'show', card.id])).toEqual((await api.as(api.adminKey).get(`/api/v1/rate-cards/${card.id}`).expect(200)).body);
  });

  it('assigns a card with overrides and shows a client key only its own', async () => {
    const tenant = await makeTenant(api);
    const card = await json(['rate-cards', 'create', uniq('Assigned'), '--currency', 'EUR']);
    const other = await json(['rate-cards', 'create', uniq('Other'), '--currency', 'EUR']);
    await json(['rate-cards', 'set-price', card.id, 'ganeti.vcpus', '0.04']);
    const assigned = await tally(['rate-cards', 'assign', tenant.client.id, card.id, '--override', 'ganeti.vcpus=0.03', '--override', 'ganeti.memory=0.004@MiB·h']);
    expect(assigned).toMatchObject({ code: 0, stderr: '' });
    expect(assigned.stdout).toContain(`Overrides for client ${tenant.client.id}:`);
    expect(assigned.stdout).toMatch(/ganeti\.memory\s+0\.004\s+EUR\/MiB·h/);

    const asClient = { TALLY_API_KEY: tenant.key };
    const mine = JSON.parse((await tally(['rate-cards', 'list', '--json'], asClient)).stdout);
    expect(mine).toMatchObject({ total: 1, items: [{ id: card.id }] });
    const shown = JSON.parse((await tally(['rate-cards', 'show', '--client', tenant.client.id, '--json'], asClient)).stdout);
    expect(shown.overrides.map((o: { measurement: string; unitPrice: string }) => [o.measurement, o.unitPrice])).toEqual([['ganeti.memory', '0.004'], ['ganeti.vcpus', '0.03']]);
    const hidden = await tally(['rate-cards', 'show', other.id], asClient);
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toMatch(new RegExp(`^tally: rate card ${other.id} not found \\(HTTP 404`));
    const forbidden = await tally(['rate-cards', 'set-price', card.id, 'ganeti.vcpus', '1', '--from', '2030-01-01'], asClient);
    expect(forbidden.stderr).toMatch(/needs role admin/);
  });

  it('exits 2 on bad usage and 1 with the field named on bad input', async () => {
    const card = await json(['rate-cards', 'create', uniq('Usage'), '--currency', 'EUR']);
    expect((await tally(['rate-cards', 'set-price', card.id, 'ganeti.vcpus'])).code).toBe(2);
    expect((await tally(['rate-cards', 'set-price', card.id, 'ganeti.vcpus', '1', '--tier', 'rest=1'])).stderr).toBe('tally: set-price needs a price or --tier bands, not both\n');
    expect((await tally(['rate-cards', 'set-price', card.id, 'ganeti.memory', '--tier', '1000'])).code).toBe(2);
    expect((await tally(['rate-cards', 'show'])).code).toBe(2);
    expect((await tally(['rate-cards', 'assign', 'x', card.id, '--override', 'nonsense'])).code).toBe(2);
    const currency = await tally(['rate-cards', 'create', uniq('Bad'), '--currency', 'EURO']);
    expect(currency).toMatchObject({ code: 1, stdout: '' });
    expect(currency.stderr).toMatch(/^tally: currency must be an ISO 4217 code of three upper-case letters, e\.g\. EUR \(HTTP 400/);
    const negative = await tally(['rate-cards', 'set-price', card.id, 'ganeti.vcpus', '-1']);
    expect(negative.stderr).toMatch(/^tally: unitPrice must not be negative \(HTTP 400/);
    const tiers = await tally(['rate-cards', 'set-price', card.id, 'ganeti.memory', '--tier', '1000=0.01', '--tier', '10=0.009', '--tier', 'rest=0.008']);
    expect(tiers.stderr).toMatch(/^tally: tiers\[1\]\.upTo must be greater than tiers\[0\]\.upTo \(1000\) \(HTTP 400/);
  });
});
