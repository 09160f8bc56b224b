import { AddressInfo } from 'node:net';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';
import { ensureCliBuilt, runCli } from './cli-runner';

describe('tally keys', () => {
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

  const works = async (key: string) => (await tally(['clients', 'list', '--limit', '1'], { TALLY_API_KEY: key })).code === 0;

  it('creates a key, printing only the secret on stdout, and lists it with its expiry and last use', async () => {
    const { client } = await makeTenant(api);
    const name = uniq('cli key');
    const created = await tally(['keys', 'create', name, '--role', 'client', '--client', client.id, '--scope', 'samples:write', '--expires', '2031-01-01T00:00:00Z']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^tally_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(/^Created client key [0-9a-f-]{36} \(tally_.{6}…\), expiring 2031-01-01T00:00:00.000Z\. It is shown once:\n$/);
    const secret = created.stdout.trim();
    expect(await works(secret)).toBe(true);

    const listed = JSON.parse((await tally(['keys', 'list', '--client', client.id, '--json'])).stdout);
    const mine = listed.items.find((k: { name: string }) => k.name === name);
    expect(mine).toMatchObject({ role: 'client', clientId: client.id, scopes: ['samples:write'], expiresAt: '2031-01-01T00:00:00.000Z', lastUsedFrom: '127.0.0.1' });
    expect(JSON.stringify(listed)).not.toContain(secret);

    const table = await tally(['keys', 'list', '--client', client.id]);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+ROLE\s+CLIENT\s+PREFIX\s+EXPIRES\s+LAST USED\s+FROM\s+REVOKED$/);
    expect(table.stdout).toMatch(new RegExp(`${mine.id}\\s+${name}\\s+client\\s+${client.id}\\s+${mine.prefix}\\s+2031-01-01T00:00:00.000Z\\s+\\S+Z\\s+127\\.0\\.0\\.1\\s+-`));
  });

  it('rotates a key with an overlap, then revokes it', async () => {
    const created = JSON.parse((await tally(['keys', 'create', uniq('rot'), '--role', 'billing', '--json'])).stdout);
    expect(created.key).toMatch(/^tally_/);

    const rotated = await tally(['keys', 'rotate', created.id, '--overlap', '120']);
    expect(rotated.code).toBe(0);
    expect(rotated.stderr).toMatch(new RegExp(`^Rotated key ${created.id}: the old secret works until \\S+Z\\. The new one \\(tally_.{6}…\\) is shown once:\\n$`));
    const secret = rotated.stdout.trim();
    expect(secret).toMatch(/^tally_[A-Za-z0-9_-]{43}$/);
    expect(await works(secret)).toBe(true);
    expect(await works(created.key)).toBe(true);

    const now = JSON.parse((await tally(['keys', 'rotate', created.id, '--overlap', '0', '--json'])).stdout);
    expect(now).toMatchObject({ id: created.id, key: expect.stringMatching(/^tally_/), previousKeyExpiresAt: expect.any(String) });
    expect(await works(secret)).toBe(false);
    expect(await works(now.key)).toBe(true);

    const revoked = JSON.parse((await tally(['keys', 'revoke', created.id, '--json'])).stdout);
    expect(revoked.revokedAt).toEqual(expect.any(String));
    expect(await works(now.key)).toBe(false);
    const again = await tally(['keys', 'rotate', created.id]);
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toMatch(/is revoked; create a new key instead \(HTTP 409/);
  });

  it('refuses bad usage with exit code 2', async () => {
    expect((await tally(['keys', 'create', 'x'])).code).toBe(2);
    expect((await tally(['keys', 'create', 'x', '--role', 'root'])).code).toBe(2);
    expect((await tally(['keys', 'rotate', 'some-id', '--overlap', '-5'])).code).toBe(2);
    expect((await tally(['keys', 'rotate', 'some-id', '--overlap', '604801'])).code).toBe(2);
  });
});
