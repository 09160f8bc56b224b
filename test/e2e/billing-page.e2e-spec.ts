import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Browser, chromium, Page } from 'playwright-core';
import { startApi, TestApi } from '../support/api-app';
import { uniq, seedReportClient, SeededClient } from '../support/factories';
import { csvRecords } from '../support/csv';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = '/tmp/billing-page.png';

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
    await page.locator('#clients-table tbody td', { hasText: '…' }).first().waitFor({ state: 'detached' });
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe(seeded.client.name);
    expect(cells[4]).toMatch(/^\d+(\.\d)?%$/);
    expect(Number(cells[4].replace('%', ''))).toBeGreaterThan(0);

    // Sorting toggles the direction on the clicked column.
    await page.click('#clients-table th button[data-sort="coverage"]');
    expect(await page.getAttribute('#clients-table th:nth-child(5)', 'aria-sort')).toBe('ascending');
    await page.click('#clients-table th button[data-sort="coverage"]');
    expect(await page.getAttribute('#clients-table th:nth-child(5)', 'aria-sort')).toBe('descending');

    await row.click();
    expect(await page.inputValue('#client-select')).toBe(seeded.client.id);
    await page.selectOption('#period', 'custom');
    await page.fill('#from', '2026-10-01');
    await page.fill('#to', '2026-10-02');
    await page.fill('#tz', 'UTC');
    await page.click('#preview');
    await page.locator('#preview-area').waitFor({ state: 'visible' });

    const vcpus = page.locator('#report-table tr[data-resource="vm-1"][data-measurement="ganeti.vcpus"] td');
    expect(await vcpus.allTextContents()).toEqual(['alpha', 'vm-1', 'ganeti.vcpus', '4', '48', '8.3%', '2', '2', '2', '2', '4', 'vCPU·h']);
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

  it("shows the latest collection run's outcome for the client's resources", async () => {
    // A real run row, in a slot far enough ahead to be the latest whatever other suites ran.
    const slot = new Date(Date.UTC(2099, 0, 1) + Math.floor(Math.random() * 10_000) * 1_800_000);
    const at = slot.toISOString();
    const [run] = await api.db.query(
      `INSERT INTO collection_runs (kind, slot, state, trigger, total, ok_count, error_count, sample_count, started_at, finished_at)
       VALUES ('collect', $1, 'partial', 'api', 2, 1, 1, 10, $1, $1) RETURNING id`,
      [slot],
    );
    await api.db.query(
      `INSERT INTO collection_run_outcomes (run_id, target, ok, reason, samples, at)
       VALUES ($1, $2, true, NULL, 10, $4), ($1, $3, false, 'ssh: connection refused', 0, $4)`,
      [run.id, seeded.resources.vm1, seeded.resources.db1, at],
    );
    try {
      await page.click('#reload-clients');
      const row = page.locator('#clients-table tbody tr', { hasText: seeded.client.name });
      await row.locator('td.status-bad', { hasText: '1 of 2 failed: ssh: connection refused' }).waitFor();
      const label = `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
      expect(await page.locator('#clients-note').textContent()).toContain(`Latest collection: slot ${label}, partial (1 ok, 1 failed of 2).`);
      await page.screenshot({ path: SCREENSHOT, fullPage: true }); // clients with a failed collection, and the preview
    } finally {
      await api.db.query('DELETE FROM collection_runs WHERE id = $1', [run.id]);
    }
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
