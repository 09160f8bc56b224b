import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';
import { RunningProcess } from '../support/processes';
import { startWorkerProcess } from '../support/worker-process';
import { collectionEnv, dropRedisPrefix, privateDatabase, waitFor } from '../collection/collection-env';
import { Receiver, startReceiver } from './webhook-env';

const EVENTS = 20;

/**
 * The real worker process is killed with SIGKILL while it waits for a receiver's answer. Its
 * lease on the subscription runs out, a new worker sends again from the first delivery not
 * recorded, and the receiver ends up with every event: the repeats carry the webhook-id of
 * the first try, so a receiver that drops duplicates sees each event once, in order.
 */
describe('webhook worker killed mid-delivery', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let receiver: Receiver;
  let worker: (RunningProcess & { kill(signal: NodeJS.Signals): Promise<number | null> }) | undefined;
  let inFlight = 0;

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url, {
      TALLY_HOOKS: 'webhooks', TALLY_WEBHOOK_TIMEOUT: '1s', TALLY_OUTBOX_POLL: '50ms', TALLY_EVENT_RELAY_POLL_MS: '100',
      TALLY_WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms,100ms,100ms', TALLY_WORKER_HEALTH_PATH: `/tmp/tally-webhook-kill-${process.pid}.json`,
    });
    api = await startApi(env);
    // Each answer takes 150 ms, so a kill is likely to land while one is awaited.
    receiver = await startReceiver(async () => {
      inFlight++;
      await new Promise((r) => setTimeout(r, 150));
      inFlight--;
      return 200;
    });
  });
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await api?.close();
    await receiver?.close();
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  it('loses nothing, and repeats only with the same webhook-id', async () => {
    worker = await startWorkerProcess(env);
    const t = await makeTenant(api);
    const hook = (await api.as(t.key).post('/api/v1/webhooks').send({ url: receiver.url, events: ['client.updated'] }).expect(201)).body;
    const refs: string[] = [];
    for (let i = 0; i < EVENTS; i++) {
      refs.push(uniq(`R${i}`));
      await api.as(api.adminKey).patch(`/api/v1/clients/${t.client.id}`).send({ billingRef: refs[i] }).expect(200);
    }
    await waitFor('a few deliveries, and one in flight', async () => receiver.requests.length >= 4 && inFlight > 0, 20_000);
    expect(await worker.kill('SIGKILL')).toBeNull();
    const beforeRestart = receiver.requests.length;
    expect(beforeRestart).toBeLessThan(EVENTS);

    worker = await startWorkerProcess(env);
    const refOf = (q: Receiver['requests'][number]) => q.json.data.data.client.billingRef as string;
    await waitFor('every event', async () => refs.every((r) => receiver.requests.some((q) => refOf(q) === r)), 60_000);

    const idsByRef = new Map<string, Set<string>>();
    for (const q of receiver.requests) idsByRef.set(refOf(q), (idsByRef.get(refOf(q)) ?? new Set()).add(q.headers['webhook-id'] as string));
    for (const r of refs) expect([r, idsByRef.get(r)!.size]).toEqual([r, 1]);
    // First arrivals are in order; a repeat is the event the killed worker had sent but not yet recorded.
    expect(receiver.requests.map(refOf).filter((r, i, all) => all.indexOf(r) === i)).toEqual(refs);
    // The killed worker recorded nothing of its batch, so what it had sent came again.
    expect(receiver.requests.length).toBeGreaterThan(EVENTS);
    await waitFor('the log to show every delivery', async () =>
      (await api.as(t.key).get(`/api/v1/webhooks/${hook.id}/deliveries?status=delivered&limit=100`).expect(200)).body.total === EVENTS);
  }, 120_000);
});
