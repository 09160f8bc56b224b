import { INestApplicationContext } from '@nestjs/common';
import { collectionEnv, dropRedisPrefix, privateDatabase, runWatcher, startWorkerApp, testSlot, waitFor } from '../collection/collection-env';
import { startApi, TestApi } from '../support/api-app';
import { Inventory, uniq } from '../support/factories';
import { freePort } from '../support/net';
import { startSmtp } from '../support/smtp';
import { startSshd, TestSshd } from '../support/sshd';

interface Ev { type: string; data: { reason?: string; incident: { id: number; severity: string } | null }; subject: { id: string } }

/**
 * The whole path with the real worker: a node that stops answering is collected three slots
 * running; each persist queues an evaluation, and the third opens the incident and asks for a
 * notification. Pushed samples are evaluated the same way.
 */
describe('alerts from persists and pushes (worker)', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let inv: Inventory;
  let sshd: TestSshd;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const admin = () => api.as(api.adminKey);
  const { done } = runWatcher(admin);
  const alertEvents = async (ruleId: string): Promise<Ev[]> =>
    (await admin().get('/api/v1/events?type=alert.*&limit=200').expect(200)).body.items.filter((e: Ev & { data: { incident: { ruleId: string } | null } }) => e.data.incident?.ruleId === ruleId).reverse();

  beforeAll(async () => {
    db = await privateDatabase();
    const smtpPort = await freePort();
    smtp = await startSmtp(smtpPort);
    env = collectionEnv(db.url, {
      TALLY_HOOKS: 'email', TALLY_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, TALLY_MAIL_TO: 'noc@example.net',
      TALLY_ORGANISATION_NAME: 'Example Hosting', TALLY_PUBLIC_URL: 'https://tally.example.net',
    });
    [api, sshd] = await Promise.all([startApi(env), startSshd()]);
    inv = await new Inventory(api).init();
    worker = await startWorkerApp(env);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sshd?.stop().catch(() => undefined);
    await smtp?.close();
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  it('three failed polls of a node open one incident and one notification: a mail whose link acknowledges it, all in /audit and /events', async () => {
    const key = await inv.credential('ssh-private-key', sshd.privateKey);
    const node = await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: key }, ['node.up']);
    const rule = (await admin().post('/api/v1/alert-rules')
      .send({ name: uniq('node down'), measurement: 'node.up', scopeType: 'resource', scopeId: node, comparison: '<', crit: 1 }).expect(201)).body;
    await sshd.stop(); // nothing listens: each poll fails, and records node.up = 0
    for (let i = 0; i < 3; i++) {
      const slot = testSlot();
      await done((await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body.id);
      if (i < 2) {
        // Wait for this slot's evaluation before the next: the guard counts slots in order.
        await waitFor(`evaluation of slot ${i}`, async () => (await api.db.query(`SELECT last_ts FROM alert_series WHERE rule_id = $1`, [rule.id]))[0]?.last_ts?.getTime() === slot.getTime());
        expect(await alertEvents(rule.id)).toEqual([]);
      }
    }
    const events = await waitFor('the incident', async () => {
      const e = await alertEvents(rule.id);
      return e.length >= 2 && e;
    });
    expect(events.map((e) => [e.type, e.data.reason ?? null])).toEqual([['alert.triggered', null], ['alert.notify', 'triggered']]);
    const incident = events[0].data.incident!;
    expect(incident).toMatchObject({ severity: 'crit', subjectId: node });

    // The notification arrives as one mail, with the organisation, and a link that acknowledges it.
    const mail = await waitFor('the alert mail', async () => smtp.mails.find((m) => m.subject?.includes(`incident ${incident.id}`)));
    expect(mail.subject).toMatch(new RegExp(`^\\[Example Hosting\\] .+: CRIT node\\.up on .+ \\(${rule.name}, incident ${incident.id}\\)$`));
    const link = /https:\/\/tally\.example\.net(\/ack\/\S+)/.exec(mail.text ?? '')?.[1];
    expect(link).toBeDefined();
    expect(mail.html).toContain(`href="https://tally.example.net${link}"`);
    // Opening the link (as a mail scanner would) changes nothing; confirming acknowledges.
    await api.http.get(link!).expect(200);
    expect((await admin().get(`/api/v1/alerts/${incident.id}`).expect(200)).body.acknowledgedAt).toBeNull();
    await api.http.post(link!).expect((r) => expect(r.status).toBeLessThan(400));
    expect((await admin().get(`/api/v1/alerts/${incident.id}`).expect(200)).body).toMatchObject({ acknowledgedBy: `ack link (incident ${incident.id})` });
    // The whole story is in the audit log and the event stream.
    const audit = (await admin().get(`/api/v1/audit?entity=alert&id=${incident.id}`).expect(200)).body.items;
    expect(audit.map((e: { type: string }) => e.type)).toContain('alert.acknowledged');
    expect((await alertEvents(rule.id)).map((e) => e.type)).toEqual(['alert.triggered', 'alert.notify', 'alert.acknowledged']);
    // One mail per notification: the generic e-mail hook leaves alert.notify to the alerts module.
    expect(smtp.mails.filter((m) => m.subject?.includes(`incident ${incident.id}`))).toHaveLength(1);
  });

  it('pushed samples are evaluated after the push commits', async () => {
    const resource = (await admin().post('/api/v1/resources').send({ projectId: inv.projectId, name: uniq('db'), type: 'database' }).expect(201)).body.id;
    const rule = (await admin().post('/api/v1/alert-rules')
      .send({ name: uniq('memory'), measurement: 'memory.used', scopeType: 'resource', scopeId: resource, crit: 1000, forEvaluations: 1 }).expect(201)).body;
    const ts = new Date(Math.floor(Date.now() / 1800_000) * 1800_000 - 1800_000).toISOString();
    await admin().post('/api/v1/samples').send({ samples: [{ resourceId: resource, measurement: 'memory.used', ts, value: 5000 }] }).expect(200);
    const events = await waitFor('the pushed breach', async () => {
      const e = await alertEvents(rule.id);
      return e.length >= 2 && e;
    });
    expect(events.map((e) => e.type)).toEqual(['alert.triggered', 'alert.notify']);
  });
});
