import { AddressInfo } from 'node:net';
import { Browser, chromium } from 'playwright-core';
import { startApi, TestApi } from '../support/api-app';

/** Swagger UI must still work under the Content-Security-Policy the API now sends. */
describe('Swagger UI under its CSP', () => {
  let api: TestApi;
  let browser: Browser;
  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('renders every operation with no CSP violation or script error', async () => {
    const base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${base}/api/docs/`);
    await page.waitForSelector('.opblock-summary-path', { timeout: 15_000 });
    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    const operations = Object.values<object>(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(await page.locator('.opblock').count()).toBe(operations);
    // Styles applied (the stylesheet loaded): the operation blocks are laid out, not raw text.
    expect(await page.locator('.swagger-ui .opblock').first().evaluate('(el) => getComputedStyle(el).borderRadius')).not.toBe('0px');
    expect(problems).toEqual([]);
  });
});
