import { INestApplicationContext } from '@nestjs/common';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';
import { privateDatabase, waitFor } from '../collection/collection-env';
import { Receiver, startEventWorker, startReceiver } from './webhook-env';

/** Private targets: refused at subscription and again at delivery, unless TALLY_WEBHOOKS_ALLOW_PRIVATE. */
describe('webhooks: private, loopback and metadata targets', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let strict: TestApi;
  let lenient: TestApi;
  let worker: INestApplicationContext;
  let receiver: Receiver;
  beforeAll(async () => {
    db = await privateDatabase();
    strict = await startApi({ DATABASE_URL: db.url, TALLY_WEBHOOKS_ALLOW_PRIVATE: 'false' });
    lenient = await startApi({ DATABASE_URL: db.url, TALLY_WEBHOOKS_ALLOW_PRIVATE: 'true' });
    worker = await startEventWorker({ DATABASE_URL: db.url, TALLY_WEBHOOKS_ALLOW_PRIVATE: 'false', TALLY_WEBHOOK_RETRY_SCHEDULE: '1h' });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await worker?.close();
    await strict?.close();
    await lenient?.close();
    await receiver?.close();
    await db?.drop();
  });

  it.each([
    'http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://[::1]/hook', 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.7/hook',
    'https://192.168.1.1/', 'http://[fd00:ec2::254]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0:3000/',
  ])('refuses %s when subscribing and when changing the URL, naming url', async (url) => {
    const admin = strict.as(strict.adminKey);
    const res = await admin.post('/api/v1/webhooks').send({ url, events: ['*'] }).expect(400);
    expect(res.body.message).toMatch(/^url: .*(private|loopback|reserved).*TALLY_WEBHOOKS_ALLOW_PRIVATE/);
    const ok = (await admin.post('/api/v1/webhooks').send({ url: 'https://93.184.215.14/hook', events: ['*'] }).expect(201)).body;
    expect((await admin.patch(`/api/v1/webhooks/${ok.id}`).send({ url }).expect(400)).body.message).toMatch(/^url: /);
    await admin.delete(`/api/v1/webhooks/${ok.id}`).expect(204);
  });

  it('refuses at delivery a target that is, or has come to resolve to, a private address', async () => {
    const t = await makeTenant(lenient);
    // Made where private targets are allowed (as if DNS changed since), delivered by a worker where they are not.
    const byAddress = (await lenient.as(t.key).post('/api/v1/webhooks').send({ url: receiver.url, events: ['client.updated'] }).expect(201)).body;
    const byName = (await lenient.as(t.key).post('/api/v1/webhooks').send({ url: receiver.url.replace('127.0.0.1', 'localhost'), events: ['client.updated'] }).expect(201)).body;
    await lenient.as(lenient.adminKey).patch(`/api/v1/clients/${t.client.id}`).send({ billingRef: uniq('R') }).expect(200);
    for (const hook of [byAddress, byName]) {
      const [d] = await waitFor('a refused attempt', async () => {
        const items = (await lenient.as(t.key).get(`/api/v1/webhooks/${hook.id}/deliveries`).expect(200)).body.items;
        return items[0]?.attempts > 0 && items;
      });
      expect(d).toMatchObject({ status: 'pending', lastStatusCode: null, lastError: expect.stringMatching(/private or reserved address/) });
    }
    expect(receiver.requests).toEqual([]);
  });
});
