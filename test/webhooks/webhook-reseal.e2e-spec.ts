import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { startApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';
import { ROOT, startProcess } from '../support/processes';
import { privateDatabase, waitFor } from '../collection/collection-env';
import { Receiver, startEventWorker, startReceiver } from './webhook-env';

const key = () => randomBytes(32).toString('base64');
const [k1, k2] = [key(), key()];

/** After a TALLY_SECRET_KEYS rotation, `npm run secrets:reseal` moves webhook secrets too, so the old key can go. */
describe('npm run secrets:reseal and webhook secrets', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let receiver: Receiver;
  let worker: INestApplicationContext | undefined;
  beforeAll(async () => {
    db = await privateDatabase();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await worker?.close();
    await receiver?.close();
    await db?.drop();
  });

  it('re-encrypts the current and the overlapping secret, and deliveries still verify with both under the new key alone', async () => {
    const api = await startApi({ DATABASE_URL: db.url, TALLY_SECRET_KEYS: `1:${k1}` });
    const t = await makeTenant(api);
    const hook = (await api.as(t.key).post('/api/v1/webhooks').send({ url: receiver.url, events: ['client.updated'] }).expect(201)).body;
    const fresh = (await api.as(t.key).post(`/api/v1/webhooks/${hook.id}/rotate-secret`).send({ overlapSeconds: 3600 }).expect(200)).body.secret;
    await api.close();

    const run = startProcess(join(ROOT, 'dist/apps/api/src/commands/reseal-secrets.js'), {
      ...process.env, DATABASE_URL: db.url, TALLY_SECRET_KEYS: `1:${k1},2:${k2}`, LOG_LEVEL: 'error',
    });
    expect(await run.exited()).toBe(0);
    expect(run.output()).toContain(`resealed  webhook ${hook.id}`);
    expect(run.output()).toContain('webhooks: 1 resealed, 0 unreadable');
    expect(run.output()).not.toContain(fresh.slice(6));

    // Key 1 gone: the worker still opens both secrets.
    worker = await startEventWorker({ DATABASE_URL: db.url, TALLY_SECRET_KEYS: `2:${k2}` });
    const later = await startApi({ DATABASE_URL: db.url, TALLY_SECRET_KEYS: `2:${k2}` });
    try {
      await later.as(later.adminKey).patch(`/api/v1/clients/${t.client.id}`).send({ billingRef: uniq('R') }).expect(200);
      const got = await waitFor('the delivery', async () => receiver.requests.find((q) => q.json.type === 'client.updated'));
      expect((got.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
      for (const s of [hook.secret, fresh]) expect(() => new Webhook(s).verify(got.body, got.headers as Record<string, string>)).not.toThrow();
    } finally {
      await later.close();
    }
  });
});
