import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_ENV } from '../setup/test-env';
import { entry, startProcess } from '../support/processes';
import { freePort } from '../support/net';

/** The real API and worker processes, as an operator runs them. */
describe('API and worker processes', () => {
  const base = { ...TEST_ENV, TALLY_QUEUE_PREFIX: `tally-e2e-${randomBytes(4).toString('hex')}`, LOG_LEVEL: 'info' };

  it('serves the docs, bootstraps the admin key, keeps keys out of logs (query strings too) and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const adminKey = `tally_${randomBytes(32).toString('base64url')}`;
    const api = startProcess(entry('api'), { ...base, PORT: String(port), HOST: '127.0.0.1', TALLY_ADMIN_KEY: adminKey });
    try {
      await api.waitFor(/API listening/);
      const url = `http://127.0.0.1:${port}`;
      expect((await fetch(`${url}/api/docs/`)).status).toBe(200);
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      const res = await fetch(`${url}/api/v1/clients`, { headers: { Authorization: `Bearer ${adminKey}` } });
      expect(res.status).toBe(200);
      const denied = await fetch(`${url}/api/v1/clients`, { headers: { Authorization: 'Bearer tally_not-a-real-key-but-secret-looking' } });
      expect(denied.status).toBe(401);
      // A key in the query string (which Tally never reads) is still never logged as is.
      const probe = { 'X-Request-Id': 'query-key-probe' };
      expect((await fetch(`${url}/api/v1/clients?access_token=${adminKey}&limit=5`, { headers: probe })).status).toBe(401);
      // A body refused before any route runs is logged too, under the id its answer carries.
      const malformed = await fetch(`${url}/api/v1/clients`, {
        method: 'POST', headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json', 'X-Request-Id': 'malformed-probe' }, body: '{"name":',
      });
      expect([malformed.status, ((await malformed.json()) as { requestId: string }).requestId]).toEqual([400, 'malformed-probe']);
      await api.waitFor(/"id":"query-key-probe"/);
      await api.waitFor(/"id":"malformed-probe"/);
      expect(api.output()).toContain('"url":"/api/v1/clients?access_token=[redacted]&limit=5"');

      const db = new Client({ connectionString: TEST_ENV.DATABASE_URL });
      await db.connect();
      const rows = await db.query(`SELECT count(*)::int AS n FROM api_keys WHERE key_hash = encode(sha256($1::bytea), 'hex')`, [adminKey]);
      const leaked = await db.query(`SELECT count(*)::int AS n FROM api_keys WHERE key_hash = $1 OR prefix = $1`, [adminKey]);
      await db.end();
      expect(rows.rows[0].n).toBe(1);
      expect(leaked.rows[0].n).toBe(0);

      await api.waitFor(/"statusCode":401|"url":"\/api\/v1\/clients"/);
      expect(api.output()).not.toContain(adminKey);
      expect(api.output()).not.toContain('secret-looking');
      expect(api.output()).toMatch(/"authorization":"\[redacted\]"|"req":\{"id"/);
    } finally {
      api.child.kill('SIGTERM');
    }
    expect(await api.exited()).toBe(0);
  });

  it('runs the worker without an HTTP server and stops it cleanly on SIGTERM', async () => {
    const worker = startProcess(entry('worker'), { ...base });
    await worker.waitFor(/worker started/);
    worker.child.kill('SIGTERM');
    expect(await worker.exited()).toBe(0);
  });

  it('refuses to start on bad configuration, naming each variable', async () => {
    const api = startProcess(entry('api'), { ...base, PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(await api.exited()).toBe(1);
    expect(api.output()).toMatch(/PORT must be a whole number/);
    expect(api.output()).toMatch(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it.each(['api', 'worker'] as const)('%s refuses to start when TALLY_HOOKS names a module it does not know', async (app) => {
    const proc = startProcess(entry(app), { ...base, PORT: String(await freePort()), TALLY_HOOKS: 'policy-billing-reff' });
    expect(await proc.exited()).toBe(1);
    expect(proc.output()).toMatch(/TALLY_HOOKS names module "policy-billing-reff", which has no hooks \(known: [^)]*policy-billing-ref/);
  });
});
