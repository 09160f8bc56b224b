import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Browser, chromium, Page } from 'playwright-core';
import { startApi, TestApi } from '../support/api-app';
import { uniq, seedReportClient, SeededClient } from '../support/factories';
import { csvRecords } from '../support/csv';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = '/tmp/billing-page.png';

type Box = { scrollWidth: number; parentElement: { clientWidth: number } };
/** A table's full width and the width its scroll container shows: equal or less means nothing is cut off. */
const widths = (page: Page, selector: string) => page.locator(selector).evaluate((t) => [(t as unknown as Box).scrollWidth, (t as unknown as Box).parentElement.clientWidth]);

/** The billing page in headless Chromium against the real API on an ephemeral port. */
describe('billing page', () => {
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let page: Page;
  let seeded: SeededClient;
  let billingKey: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    seeded = await seedReportClient(api, `Page Lab ${uniq('p')}`);
    // Recent samples, so the 7-day coverage column shows something other than 0 %.
    await api.db.query(`SELECT tally_ensure_sample_partitions(now() - interval '2 days', now())`);
    await api.db.query(
      `INSERT INTO samples (resource_id, measurement_id, ts, value)
       SELECT $1, m.id, to_timestamp(floor(extract(epoch FROM now()) / 1800) * 1800) - g * interval '30 minutes', 2
         FROM measurements m, generate_series(1, 48) g WHERE m.key = 'ganeti.vcpus'`,
      [seeded.resources.vm1],
    );
    billingKey = (await api.as(api.adminKey).post('/api/v1/api-keys').send({ name: uniq('billing'), role: 'billing' }).expect(201)).body.key;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 1000 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // HTTP errors the page handles (401 for the bad key, 400 for a bad window) are logged by the
    // browser too; only script errors and CSP violations count.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && pageErrors.push(m.text()));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('serves static files with a strict CSP, publicly', async () => {
    const res = await api.http.get('/billing/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.text).not.toMatch(/<script>(?!<)/); // no inline script
    await api.http.get('/billing').expect(301).expect('Location', '/billing/');
    await api.http.get('/billing/billing.js').expect(200).expect('Content-Type', /text\/javascript/);
    await api.http.get('/billing/..%2Fbilling-page.controller.ts').expect(404);
  });

  it('shows a clear error for a bad key', async () => {
    await page.goto(`${base}/billing/`);
    await page.fill('#key-input', 'tally_not-a-real-key');
    await page.click('#key-form button[type=submit]');
    const alert = page.locator('#alert');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.textContent()).toMatch(/401 · Malformed API key: a Tally key is "tally_" followed by 43 characters/);
    expect(await page.locator('#key-section').isVisible()).toBe(true);
  });

  it('lists clients with coverage, previews a custom period and downloads the CSV', async () => {
    await page.fill('#key-input', billingKey);
    await page.click('#key-form button[type=submit]');
    await page.locator('#clients-section').waitFor({ state: 'visible' });
    expect(await page.locator('#alert').isHidden()).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('tally.apiKey'))).toBe(billingKey);

    await page.fill('#client-filter', seeded.client.name);
    const row = page.locator('#clients-table tbody tr', { hasText: seeded.client.name });
    await row.waitFor();
    // Locators rather than waitForFunction(string): the page's CSP forbids eval, which that would need.
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe(seeded.client.name);
    // Its resources are all push-only: "pushed", not a failed collection.
    expect(cells.slice(3, 5)).toEqual(['0 collected · 2 pushed · 1 inactive', 'pushed']);
    expect(cells[5]).toMatch(/^\d+(\.\d)?%$/);
    expect(Number(cells[5].replace('%', ''))).toBeGreaterThan(0);

    // Sorting toggles the direction on the clicked column.
    await page.click('#clients-table th button[data-sort="coverage"]');
    expect(await page.getAttribute('#clients-table th:nth-child(6)', 'aria-sort')).toBe('ascending');
    await page.click('#clients-table th button[data-sort="coverage"]');
    expect(await page.getAttribute('#clients-table th:nth-child(6)', 'aria-sort')).toBe('descending');

    await row.click();
    expect(await page.inputValue('#client-select')).toBe(seeded.client.id);
    await page.selectOption('#period', 'custom');
    await page.fill('#from', '2026-10-01');
    await page.fill('#to', '2026-10-02');
    await page.fill('#tz', 'UTC');
    await page.click('#preview');
    await page.locator('#preview-area').waitFor({ state: 'visible' });

    const vcpus = page.locator('#report-table tr[data-resource="vm-1"][data-measurement="ganeti.vcpus"] td');
    expect(await vcpus.allTextContents()).toEqual(['alpha', 'vm-1', 'ganeti.vcpus', '4', '48', '8.3%', '2', '2', '2', '2', '4', 'vCPU·h', '—']);
    expect(await page.locator('#report-table tr[data-resource="@old-vm"][data-measurement="ganeti.vcpus"] td:nth-child(2)').textContent()).toBe('@old-vm (inactive)');
    expect(await page.locator('#totals-table tr[data-measurement="ganeti.vcpus"] td[data-role="usage"]').textContent()).toBe('8.5');
    expect(await page.locator('#totals-table tr[data-measurement="net.rx"] td[data-role="usage"]').textContent()).toBe('410');
    expect(await page.locator('#report-summary').textContent()).toContain('final');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    expect(download.suggestedFilename()).toMatch(/^tally-page-lab-p-[0-9a-f]{8}-c-[0-9a-f]{8}-2026-10-01_2026-10-02\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const records = csvRecords(csv);
    expect(records.find((r) => r.resource === 'vm-1' && r.measurement === 'net.rx')).toMatchObject({ row_type: 'line', usage: '410', samples: '4', expected: '48' });
    expect(records.find((r) => r.row_type === 'client_total' && r.measurement === 'ganeti.vcpus')).toMatchObject({ usage: '8.5', usage_unit: 'vCPU·h' });
    expect(await page.locator('#notice').textContent()).toContain('Downloaded tally-page-lab');
  });

  it('shows ok / partial / failed from the latest collection run, and pushed for push-only clients', async () => {
    const vms = async (label: string, n: number) => {
      const [c] = await api.db.query(`INSERT INTO clients (name) VALUES ($1) RETURNING id, name`, [`${label} ${uniq('c')}`]);
      const [p] = await api.db.query(`INSERT INTO projects (client_id, name) VALUES ($1, 'p') RETURNING id`, [c.id]);
      const rs = await api.db.query(`INSERT INTO resources (project_id, name, type) SELECT $1, 'vm-' || g, 'ganeti-vm' FROM generate_series(1, $2::int) g RETURNING id`, [p.id, n]);
      return { ...c, resources: rs.map((r: { id: string }) => r.id) as string[] };
    };
    const half = await vms('Half Lab', 2);
    const down = await vms('Down Lab', 1);
    // A real run row, in a slot far enough ahead to be the latest whatever other suites ran.
    const slot = new Date(Date.UTC(2099, 0, 1) + Math.floor(Math.random() * 10_000) * 1_800_000);
    const [run] = await api.db.query(
      `INSERT INTO collection_runs (kind, slot, state, trigger, total, ok_count, error_count, sample_count, started_at, finished_at)
       VALUES ('collect', $1, 'partial', 'api', 3, 1, 2, 10, $1, $1) RETURNING id`,
      [slot],
    );
    await api.db.query(
      `INSERT INTO collection_run_outcomes (run_id, target, ok, reason, samples, at)
       VALUES ($1, $2, true, NULL, 10, $5), ($1, $3, false, 'ssh: connection refused', 0, $5), ($1, $4, false, 'ssh: timeout', 0, $5)`,
      [run.id, half.resources[0], half.resources[1], down.resources[0], slot],
    );
    try {
      await page.fill('#client-filter', '');
      await page.click('#reload-clients');
      await page.locator('#clients-table tbody tr', { hasText: half.name }).locator('td.status-warn', { hasText: 'partial: 1 of 2 collected' }).waitFor();
      await page.locator('#clients-table tbody tr', { hasText: down.name }).locator('td.status-bad', { hasText: 'failed: 0 of 1 collected' }).waitFor();
      expect(await page.locator('#clients-table tbody tr', { hasText: seeded.client.name }).locator('td').nth(4).textContent()).toBe('pushed');
      // Columns fit at 1280 px: the table never needs a horizontal scrollbar.
      const [w, room] = await widths(page, '#clients-table');
      expect(w).toBeLessThanOrEqual(room);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    } finally {
      await api.db.query('DELETE FROM collection_run_outcomes WHERE run_id = $1', [run.id]);
      await api.db.query('DELETE FROM collection_runs WHERE id = $1', [run.id]);
      await page.fill('#client-filter', seeded.client.name);
    }
  });

  it('offers a download for every format of the report endpoint, and the report table fits at 1280 px', async () => {
    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    const formats = doc.paths['/api/v1/clients/{id}/report'].get.parameters.find((p: { name: string }) => p.name === 'format').schema.enum as string[];
    expect(formats).toEqual(expect.arrayContaining(['csv', 'json']));
    expect(await page.locator('#downloads button').evaluateAll((bs) => bs.map((b) => b.id))).toEqual(formats.map((f) => `download-${f}`));
    // Long names and byte·h figures in the trillions are what pushed Usage and Coverage out of view.
    const [wide] = await api.db.query(`INSERT INTO clients (name) VALUES ($1) RETURNING id`, [`Wide Lab ${uniq('c')}`]);
    const [project] = await api.db.query(`INSERT INTO projects (client_id, name) VALUES ($1, 'genomics-pipeline-production-eu-central') RETURNING id`, [wide.id]);
    const [vm] = await api.db.query(
      `INSERT INTO resources (project_id, name, type, created_at) VALUES ($1, 'worker-node-0042.compute.genomics.example.org', 'report-test', '2026-09-01') RETURNING id`, [project.id]);
    await api.db.query(
      `INSERT INTO samples (resource_id, measurement_id, ts, value)
       SELECT $1, m.id, '2026-10-01T00:00:00Z'::timestamptz + g * interval '30 minutes', 776416685007.557 + g
         FROM measurements m, generate_series(0, 47) g WHERE m.key IN ('memory.used', 'ganeti.vcpus')`, [vm.id]);
    // Priced: amounts come as decimal text and are shown digit for digit, with the currency.
    const admin = api.as(api.adminKey);
    const card = (await admin.post('/api/v1/rate-cards').send({ name: uniq('wide-card'), currency: 'EUR' }).expect(201)).body;
    await admin.post(`/api/v1/rate-cards/${card.id}/prices`).send({ measurement: 'ganeti.vcpus', unitPrice: '0.01' }).expect(201);
    await admin.put(`/api/v1/clients/${wide.id}/rate-card`).send({ rateCardId: card.id }).expect(200);
    await page.fill('#client-filter', 'Wide Lab');
    await page.click('#reload-clients');
    await page.locator(`#client-select option[value="${wide.id}"]`).waitFor({ state: 'attached' });
    await page.selectOption('#client-select', wide.id);
    await page.click('#preview');
    await page.locator('#preview-area').waitFor({ state: 'visible' });
    expect(await page.locator('#report-table td[data-role="usage"]').first().textContent()).toMatch(/^\d{1,3}(,\d{3}){4}/); // tens of trillions
    const json = (await admin.get(`/api/v1/clients/${wide.id}/report`).query({ from: '2026-10-01', to: '2026-10-02', tz: 'UTC', format: 'json' }).expect(200)).body;
    const vcpu = json.projects[0].resources[0].measurements.find((m: { key: string }) => m.key === 'ganeti.vcpus');
    expect(vcpu.amount).toMatch(/^\d+\.\d{2}$/);
    const grouped = (d: string) => d.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const [int, frac] = vcpu.amount.split('.');
    expect(await page.locator('#report-table tr[data-measurement="ganeti.vcpus"]:not(.subtotal) td[data-role="amount"]').textContent()).toBe(`${grouped(int)}.${frac} EUR`);
    expect(await page.locator('#report-summary [data-role="client-amount"]').textContent()).toBe(`${grouped(json.amount.split('.')[0])}.${json.amount.split('.')[1]} EUR`);
    const [w, room] = await widths(page, '#report-table');
    expect(w).toBeLessThanOrEqual(room);
    // The sample statistics are one click away (and then the table may scroll).
    expect(await page.locator('#report-table th.stat').first().isVisible()).toBe(false);
    await page.check('#show-stats');
    expect(await page.locator('#report-table th.stat').first().isVisible()).toBe(true);
    await page.uncheck('#show-stats');
    await page.fill('#client-filter', seeded.client.name);
    await page.locator(`#client-select option[value="${seeded.client.id}"]`).waitFor({ state: 'attached' });
    await page.selectOption('#client-select', seeded.client.id);
  });

  it('draws daily usage bars with the locally served Chart.js, under the CSP', async () => {
    const lib = await api.http.get('/billing/chart.umd.min.js').expect(200).expect('Content-Type', /text\/javascript/);
    expect(lib.text).toMatch(/^\/\*!\n \* Chart\.js v4\./);
    await page.selectOption('#period', 'custom');
    await page.fill('#from', '2026-09-30');
    await page.fill('#to', '2026-10-02');
    await page.click('#preview');
    await page.locator('#chart-area').waitFor({ state: 'visible' });
    await page.selectOption('#chart-measurement', 'ganeti.vcpus');
    await page.locator('#usage-chart[data-datasets="3"]').waitFor(); // vm-1, @old-vm, -db-1
    await page.selectOption('#chart-group', 'project');
    await page.locator('#usage-chart[data-datasets="2"]').waitFor();
    // Something was painted: the canvas holds non-transparent pixels.
    const painted = await page.locator('#usage-chart').evaluate((c) => {
      const canvas = c as unknown as { width: number; height: number; getContext(t: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i]) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
    expect(pageErrors).toEqual([]);
  });

  it('clears the old preview when a report request fails', async () => {
    await page.click('#preview');
    await page.locator('#preview-area').waitFor({ state: 'visible' });
    const fail = '**/api/v1/clients/*/report?*';
    await page.route(fail, (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'busy, retry', requestId: 'r-1' }) }));
    try {
      await page.click('#preview');
      await page.locator('#alert', { hasText: 'busy, retry' }).waitFor();
      expect(await page.locator('#preview-area').isHidden()).toBe(true);
      expect(await page.locator('#report-table tbody tr').count()).toBe(0);
    } finally {
      await page.unroute(fail);
    }
  });

  it('empties the client list when the summary fails, instead of showing stale figures', async () => {
    const fail = '**/api/v1/reports/summary*';
    await page.route(fail, (route) => route.abort());
    try {
      await page.click('#reload-clients');
      await page.locator('#alert', { hasText: 'Cannot reach the Tally API' }).waitFor();
      expect(await page.locator('#clients-table tbody tr[data-id]').count()).toBe(0);
    } finally {
      await page.unroute(fail);
    }
    await page.click('#reload-clients');
    await page.locator('#clients-table tbody tr', { hasText: seeded.client.name }).waitFor();
  });

  it('previews the last calendar month', async () => {
    const now = new Date();
    const first = (y: number, m: number) => new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
    await page.selectOption('#period', 'lastMonth');
    await page.click('#preview');
    const summary = page.locator('#report-summary', { hasText: `${first(now.getUTCFullYear(), now.getUTCMonth() - 1)} 00:00 UTC → ${first(now.getUTCFullYear(), now.getUTCMonth())} 00:00 UTC` });
    await summary.waitFor();
    await page.selectOption('#period', 'custom');
  });

  it('says what is wrong with an incomplete custom period instead of failing silently', async () => {
    await page.fill('#to', '');
    await page.click('#preview');
    expect(await page.locator('#alert').textContent()).toMatch(/pick both a From and a To date/);
    await page.fill('#to', '2026-09-01');
    await page.click('#preview');
    await page.locator('#alert', { hasText: /to: must be after from/ }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
