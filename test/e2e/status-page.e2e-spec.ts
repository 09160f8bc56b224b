import { AlertEvaluator } from '@tally/alerts';
import { AddressInfo } from 'node:net';
import { Browser, chromium, Page } from 'playwright-core';
import { startApi, TestApi } from '../support/api-app';
import { insertResource, insertSamples, makeTenant, uniq } from '../support/factories';

const CHROMIUM = '/usr/bin/chromium';

/** The operators' status page in headless Chromium against the real API on an ephemeral port. */
describe('status page', () => {
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let page: Page;
  let node: string;
  let nodeName: string;
  let upId: number;
  const pageErrors: string[] = [];
  const slot = (back: number) => new Date(Math.floor(Date.now() / 1800_000) * 1800_000 - back * 1800_000).toISOString();

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    const tenant = await makeTenant(api);
    nodeName = uniq('status-node');
    node = await insertResource(api.db, tenant.project.id, nodeName, { type: 'node' });
    [{ id: upId }] = await api.db.query(`SELECT id FROM measurements WHERE key = 'node.up'`);
    await insertSamples(api.db, node, upId, [{ ts: slot(2), value: 0 }]);
    await api.as(api.adminKey).post('/api/v1/alert-rules')
      .send({ name: uniq('node down'), measurement: 'node.up', scopeType: 'resource', scopeId: node, comparison: '<', crit: 1, forEvaluations: 1 }).expect(201);
    await api.app.get(AlertEvaluator).evaluate(new Date(slot(2)), [node]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && pageErrors.push(m.text()));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('is served beside the billing page, publicly, under the same strict CSP', async () => {
    const res = await api.http.get('/status/').expect(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.text).not.toMatch(/<script>(?!<)/);
    expect(res.text).not.toMatch(/https?:\/\//); // no CDN
    await api.http.get('/status').expect(301).expect('Location', '/status/');
    await api.http.get('/status/status.js').expect(200).expect('Content-Type', /text\/javascript/);
    await api.http.get('/status/..%2Fstatus-page.controller.ts').expect(404);
  });

  it('shows each host with its state and incidents, refreshes itself, acknowledges and opens a maintenance window', async () => {
    await page.goto(`${base}/status/`);
    await page.fill('#key-input', api.adminKey);
    await page.click('#key-form button[type=submit]');
    await page.locator('#status-section').waitFor({ state: 'visible' });
    await page.fill('#status-filter', nodeName);
    const row = page.locator(`#status-table tbody tr[data-id="${node}"]`);
    await row.locator('.state.down').waitFor();
    expect(await page.locator('#status-table tbody tr').count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['host', nodeName, expect.stringMatching(/^client-/), 'down']);
    expect(cells[5]).toMatch(/^1#\d+ node down-[0-9a-f]+: crit/);

    // Sorting flips on a second click.
    await page.click('#status-table th button[data-sort="state"]');
    expect(await page.getAttribute('#status-table th:nth-child(4)', 'aria-sort')).toBe('ascending');
    await page.click('#status-table th button[data-sort="state"]');
    expect(await page.getAttribute('#status-table th:nth-child(4)', 'aria-sort')).toBe('descending');

    // A newer poll that answered: the page shows it on its own, without a reload.
    await page.selectOption('#refresh-every', '5');
    await insertSamples(api.db, node, upId, [{ ts: slot(1), value: 1 }]);
    await row.locator('.state.up').waitFor({ timeout: 15_000 });

    const id = Number(await row.locator('.incident').first().getAttribute('data-incident'));
    await row.locator('.incident button').click();
    await page.locator('#notice', { hasText: `Incident ${id} acknowledged.` }).waitFor();
    expect((await api.as(api.adminKey).get(`/api/v1/alerts/${id}`).expect(200)).body.acknowledgedBy).toMatch(/^test-admin-/);
    await row.locator('.incident', { hasText: 'acknowledged' }).waitFor();

    await row.locator('button', { hasText: 'Maintenance' }).click();
    await page.fill('#maintenance-name', 'disk swap');
    await page.fill('#maintenance-minutes', '90');
    await page.click('#maintenance-form button[type=submit]');
    await row.locator('.state.maintenance', { hasText: 'disk swap' }).waitFor();
    const windows = (await api.as(api.adminKey).get('/api/v1/maintenance-windows?limit=500').expect(200)).body.items;
    const w = windows.find((x: { scopeId: string }) => x.scopeId === node);
    expect(w).toMatchObject({ name: 'disk swap', scopeType: 'resource', recurrence: 'none' });
    expect(Date.parse(w.endsAt) - Date.parse(w.startsAt)).toBe(90 * 60_000);
    expect(pageErrors).toEqual([]);
  });

  it('asks for the key again when it is refused', async () => {
    const other = await (await browser.newContext()).newPage();
    await other.goto(`${base}/status/`);
    await other.fill('#key-input', 'tally_not-a-real-key');
    await other.click('#key-form button[type=submit]');
    await other.locator('#alert').waitFor({ state: 'visible' });
    expect(await other.locator('#alert').textContent()).toMatch(/^401 · /);
    expect(await other.locator('#key-section').isVisible()).toBe(true);
  });
});
