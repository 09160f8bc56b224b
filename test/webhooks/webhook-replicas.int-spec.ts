import { INestApplicationContext } from '@nestjs/common';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';
import { privateDatabase, waitFor } from '../collection/collection-env';
import { Receiver, startEventWorker, startReceiver } from './webhook-env';

const SUBSCRIPTIONS = 6;
const CHANGES = 15;

/** Two workers share the sending (leases taken FOR UPDATE SKIP LOCKED) and never send one delivery twice. */
describe('webhooks: several workers', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let api: TestApi;
  const workers: INestApplicationContext[] = [];
  let receiver: Receiver;
  beforeAll(async () => {
    db = await privateDatabase();
    api = await startApi({ DATABASE_URL: db.url });
    for (let i = 0; i < 2; i++) workers.push(await startEventWorker({ DATABASE_URL: db.url, TALLY_WEBHOOK_CONCURRENCY: '2' }));
    // A little slow, so both workers have subscriptions in hand at once.
    receiver = await startReceiver(() => new Promise((r) => setTimeout(() => r(200), 5)));
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await api?.close();
    await receiver?.close();
    await db?.drop();
  });

  it('delivers every event to every subscription exactly once, each in order', async () => {
    const t = await makeTenant(api);
    const hooks: string[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) hooks.push((await api.as(t.key).post('/api/v1/webhooks').send({ url: `${receiver.url}/${i}`, events: ['client.updated'] }).expect(201)).body.id);
    const refs: string[] = [];
    for (let i = 0; i < CHANGES; i++) {
      refs.push(uniq(`R${i}`));
      await api.as(api.adminKey).patch(`/api/v1/clients/${t.client.id}`).send({ billingRef: refs[i] }).expect(200);
    }
    await waitFor('every delivery', async () => receiver.requests.length >= SUBSCRIPTIONS * CHANGES, 30_000);
    await new Promise((r) => setTimeout(r, 300)); // a double send would arrive now
    expect(receiver.requests).toHaveLength(SUBSCRIPTIONS * CHANGES);
    const ids = receiver.requests.map((q) => q.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of hooks) {
      const mine = receiver.requests.filter((q) => (q.headers['webhook-id'] as string).endsWith(id.replace(/-/g, '')));
      expect(mine.map((q) => q.json.data.data.client.billingRef)).toEqual(refs);
    }
  });
});
