import { loadConfig } from '@tally/config';
import { CredentialEntity } from '@tally/database';
import { EventsService } from '@tally/events';
import { CredentialsService } from '@tally/inventory';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { ROOT, startProcess } from '../support/processes';
import { privateDatabase } from '../collection/collection-env';

const key = () => randomBytes(32).toString('base64');
const [k1, k2, k3] = [key(), key(), key()];

/**
 * Key rotation's last step: `npm run secrets:reseal` moves every stored secret onto the active
 * key version, so the old key can be dropped; a secret whose key is gone is named, not lost.
 * Its own database: the command rewrites every credential it finds.
 */
describe('npm run secrets:reseal', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;

  beforeAll(async () => {
    db = await privateDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function withApi<T>(keys: string, fn: (api: TestApi) => Promise<T>): Promise<T> {
    const api = await startApi({ DATABASE_URL: db.url, TALLY_SECRET_KEYS: keys });
    try {
      return await fn(api);
    } finally {
      await api.close();
    }
  }

  async function reseal(keys: string): Promise<{ code: number | null; output: string }> {
    const run = startProcess(join(ROOT, 'dist/apps/api/src/commands/reseal-secrets.js'), {
      ...process.env, DATABASE_URL: db.url, TALLY_SECRET_KEYS: keys, LOG_LEVEL: 'error',
    });
    const code = await run.exited();
    return { code, output: run.output() };
  }

  it('re-encrypts secrets with the active key, so the old key can go; the secrets read the same', async () => {
    const created = await withApi(`1:${k1}`, async (api) => {
      const admin = api.as(api.adminKey);
      const a = (await admin.post('/api/v1/credentials').send({ name: 'rapi-a', kind: 'password', username: 'u', secret: 'first secret' }).expect(201)).body;
      const b = (await admin.post('/api/v1/credentials').send({ name: 'rapi-b', kind: 'password', secret: 'second secret' }).expect(201)).body;
      return [a, b];
    });
    expect(created.map((c: { keyVersion: number }) => c.keyVersion)).toEqual([1, 1]);

    const first = await reseal(`1:${k1},2:${k2}`);
    expect(first.code).toBe(0);
    expect(first.output).toContain('resealed  rapi-a');
    expect(first.output).toContain('2 resealed, 0 already on key version 2, 0 unreadable');
    expect(first.output).not.toMatch(/first secret|second secret/);

    // Again: nothing left to move.
    expect((await reseal(`1:${k1},2:${k2}`)).output).toContain('0 resealed, 2 already on key version 2, 0 unreadable');

    // Key 1 removed: every secret still opens, with key 2 alone.
    const ds = new DataSource({ type: 'postgres', url: db.url, entities: [CredentialEntity] });
    await ds.initialize();
    try {
      const onlyNew = new CredentialsService(ds.getRepository(CredentialEntity), ds, loadConfig({ ...process.env, DATABASE_URL: db.url, TALLY_SECRET_KEYS: `2:${k2}` }), new EventsService(ds, { before: [] }));
      expect((await onlyNew.reveal(created[0].id)).secret).toBe('first secret');
      expect((await onlyNew.reveal(created[1].id)).secret).toBe('second secret');
    } finally {
      await ds.destroy();
    }
  });

  it('names a secret whose key version is no longer configured, moves the others, and exits 1', async () => {
    await withApi(`3:${k3}`, (api) => api.as(api.adminKey).post('/api/v1/credentials').send({ name: 'orphan', kind: 'password', secret: 's3' }).expect(201));
    const run = await reseal(`2:${k2}`);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/UNREADABLE orphan \([0-9a-f-]{36}\): credential key version 3 is not configured/);
    expect(run.output).toContain('0 resealed, 2 already on key version 2, 1 unreadable');
  });
});
