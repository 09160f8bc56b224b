import { AddressInfo } from 'node:net';
import { Browser, chromium } from 'playwright-core';
import { startApi, TestApi } from '../support/api-app';
import { shortId, uniq } from '../support/factories';
import { privateDatabase } from '../collection/collection-env';

const CHROMIUM = '/usr/bin/chromium';
const CLIENTS = 2000;
const BUDGET_MS = 2000;

/**
 * Issue 13: the client list with coverage and status for 2,000 clients in ≤ 2 s (it took 373 s
 * with a report per client). Seeded with set-based SQL so the seed takes seconds, not minutes.
 */
describe('billing page with 2,000 clients', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let key: string;
  const prefix = `Scale ${shortId()}`;

  beforeAll(async () => {
    // A database of its own: collection runs other suites leave in the shared one change a
    // client's status ("no collection yet" becomes "failed"), and the list must be exact.
    db = await privateDatabase();
    api = await startApi({ DATABASE_URL: db.url });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    await api.db.query(`SELECT tally_ensure_sample_partitions(now() - interval '8 days', now())`);
    // One project and resource per client: every third push-only, the rest ganeti VMs, each with
    // vCPU samples every half hour over the last day (a quarter of the week's slots).
    await api.db.query(
      `WITH c AS (
         INSERT INTO clients (name, billing_ref) SELECT $1 || ' ' || lpad(g::text, 4, '0'), 'REF-' || g FROM generate_series(1, $2::int) g RETURNING id
       ), p AS (
         INSERT INTO projects (client_id, name) SELECT id, 'main' FROM c RETURNING id
       ), r AS (
         INSERT INTO resources (project_id, name, type, created_at)
         SELECT id, 'vm-' || row_number() OVER (), CASE WHEN row_number() OVER () % 3 = 0 THEN 'database' ELSE 'ganeti-vm' END, now() - interval '30 days' FROM p
         RETURNING id
       )
       INSERT INTO resource_measurements (resource_id, measurement_id) SELECT r.id, m.id FROM r, measurements m WHERE m.key = 'ganeti.vcpus'`,
      [prefix, CLIENTS],
    );
    await api.db.query(
      `INSERT INTO samples (resource_id, measurement_id, ts, value)
       SELECT r.id, m.id, to_timestamp(floor(extract(epoch FROM now()) / 1800) * 1800) - g * interval '30 minutes', 2
         FROM resources r JOIN projects p ON p.id = r.project_id JOIN clients c ON c.id = p.client_id, measurements m, generate_series(1, 48) g
        WHERE c.name LIKE $1 || ' %' AND m.key = 'ganeti.vcpus'`,
      [prefix],
    );
    await api.db.query('ANALYZE samples, resources, projects, clients, resource_measurements');
    key = (await api.as(api.adminKey).post('/api/v1/api-keys').send({ name: uniq('billing'), role: 'billing' }).expect(201)).body.key;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  it('fills the list with coverage and status in ≤ 2 s, numbers in the browser locale', async () => {
    // A German browser: numbers must follow it (2.000, 14,3 %), not en-US.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/billing/`);
    await page.fill('#key-input', key);
    await page.click('#key-form button[type=submit]');
    await page.locator('#clients-count', { hasText: 'clients' }).waitFor();

    // Measured from navigation (key already in the tab's session) to the last row on screen.
    const figures: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await page.goto(`${base}/billing/`);
      await page.locator('#clients-count', { hasText: 'clients' }).waitFor();
      figures.push(Date.now() - started);
    }
    const best = Math.min(...figures);
    console.log(`billing page, ${CLIENTS} clients: list complete in ${figures.join(', ')} ms (best ${best} ms; budget ${BUDGET_MS} ms)`);
    expect(Math.max(...figures)).toBeLessThanOrEqual(BUDGET_MS);

    const rows = page.locator('#clients-table tbody tr[data-id]');
    expect(await rows.count()).toBeGreaterThanOrEqual(CLIENTS);
    expect(await page.locator('#clients-count').textContent()).toMatch(/^\d\.\d{3} of \d\.\d{3} clients$/);
    const first = await page.locator('#clients-table tbody tr', { hasText: `${prefix} 0001` }).locator('td').allTextContents();
    const third = await page.locator('#clients-table tbody tr', { hasText: `${prefix} 0003` }).locator('td').allTextContents();
    // 48 of 336 slots over 7 days = 14.3 %, written the German way.
    expect(first.slice(1)).toEqual(['REF-1', 'yes', '1 collected · 0 pushed', 'no collection yet', '14,3\u00a0%']);
    expect(third.slice(3, 5)).toEqual(['0 collected · 1 pushed', 'pushed']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
