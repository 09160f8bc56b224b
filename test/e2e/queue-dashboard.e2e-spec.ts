import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Browser, chromium } from 'playwright-core';
import { dropRedisPrefix } from '../collection/collection-env';
import { startApi, TestApi } from '../support/api-app';

const CHROMIUM = '/usr/bin/chromium';

/**
 * bull-board in headless Chromium, as an admin opens it: the browser is asked for
 * credentials (the admin key as password), the page renders Tally's queues under its
 * Content Security Policy, with no script error and no CSP violation.
 */
describe('queue dashboard in a browser', () => {
  const prefix = `${process.env.TALLY_QUEUE_PREFIX}-dashui-${randomUUID().slice(0, 8)}`;
  let api: TestApi;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi({ TALLY_QUEUE_PREFIX: prefix });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await dropRedisPrefix(prefix);
  });

  it('renders the queues for an admin, with no script error or CSP violation', async () => {
    const context = await browser.newContext({ httpCredentials: { username: 'admin', password: api.adminKey } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    // The remote web font bull-board links is blocked by the CSP on purpose (font from this origin only).
    page.on('console', (m) => m.type() === 'error' && !/fonts\.googleapis\.com/.test(m.text()) && problems.push(m.text()));
    const res = await page.goto(`${base}/admin/queues`);
    expect(res?.status()).toBe(200);
    for (const queue of ['tally-precache', 'tally-collect', 'tally-persist']) await page.getByText(queue).first().waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('does not open for a browser without a key, nor with a wrong one', async () => {
    const bare = await browser.newContext();
    // Challenged (401, Basic), and headless Chromium has no prompt to ask with: it gives up.
    await expect((await bare.newPage()).goto(`${base}/admin/queues`)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/);
    await bare.close();
    const wrong = await browser.newContext({ httpCredentials: { username: 'admin', password: 'tally_not-a-key' } });
    const res = await (await wrong.newPage()).goto(`${base}/admin/queues`);
    expect(res?.status()).toBe(401);
    expect(await res?.text()).not.toContain('Tally queues');
    await wrong.close();
  });
});
