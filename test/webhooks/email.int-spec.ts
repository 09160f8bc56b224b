import { INestApplicationContext } from '@nestjs/common';
import { MetricsRegistry } from '@tally/metrics';
import { startApi, TestApi } from '../support/api-app';
import { uniq } from '../support/factories';
import { freePort } from '../support/net';
import { startSmtp } from '../support/smtp';
import { privateDatabase, waitFor } from '../collection/collection-env';
import { startEventWorker } from './webhook-env';

describe('e-mail after-hook and the mail outbox', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    db = await privateDatabase();
    api = await startApi({ DATABASE_URL: db.url });
    worker = await startEventWorker({
      DATABASE_URL: db.url,
      TALLY_HOOKS: 'email', TALLY_SMTP_URL: `smtp://127.0.0.1:${port}`, TALLY_MAIL_FROM: 'tally@example.net', TALLY_MAIL_TO: 'ops@example.net,noc@example.net',
      TALLY_MAIL_EVENTS: 'client.created,client.deactivated', TALLY_MAIL_RETRY_MAX: '300ms', TALLY_ORGANISATION_NAME: 'Example Hosting',
    });
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
    await db?.drop();
  });

  it('refuses to start with the module on and nobody to mail, or events that match nothing', async () => {
    await expect(startEventWorker({ DATABASE_URL: db.url, TALLY_HOOKS: 'email', TALLY_MAIL_TO: '' })).rejects.toThrow(/TALLY_MAIL_TO is empty/);
    await expect(startEventWorker({ DATABASE_URL: db.url, TALLY_HOOKS: 'email', TALLY_MAIL_TO: 'a@example.net', TALLY_MAIL_EVENTS: 'host.dwn' }))
      .rejects.toThrow(/TALLY_MAIL_EVENTS names no known event \(host.dwn\)/);
  });

  it('keeps mail while SMTP is down and sends it once it is back, in text and HTML, organisation and client in the subject', async () => {
    const admin = api.as(api.adminKey);
    const name = uniq('Acme <Labs>');
    const client = (await admin.post('/api/v1/clients').send({ name }).expect(201)).body;
    await admin.patch(`/api/v1/clients/${client.id}`).send({ billingRef: 'X-1' }).expect(200); // client.updated: not selected
    await admin.patch(`/api/v1/clients/${client.id}`).send({ active: false }).expect(200);
    const outbox = () => api.db.query(`SELECT subject, attempts, status, last_error FROM mail_outbox WHERE subject LIKE $1 ORDER BY created_at`, [`%${name}%`]);
    // Nothing listens yet: both mails are queued, tried and kept.
    await waitFor('failed attempts at both mails', async () => {
      const rows = await outbox();
      return rows.length === 2 && rows.every((r: { attempts: number }) => r.attempts >= 2) && rows;
    });
    expect((await outbox())[0]).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/ECONNREFUSED/) });

    smtp = await startSmtp(port);
    await waitFor('both mails', async () => smtp!.mails.filter((m) => m.subject?.includes(name)).length === 2);
    const [created, deactivated] = ['client.created', 'client.deactivated'].map((type) => smtp!.mails.find((m) => m.subject?.includes(type))!);
    expect(created.subject).toBe(`[Example Hosting] ${name}: client.created (client ${client.id})`);
    expect(deactivated.subject).toContain(`[Example Hosting] ${name}: client.deactivated`);
    expect(created.from?.text).toBe('tally@example.net');
    expect((created.to as { text: string }).text).toBe('ops@example.net, noc@example.net');
    expect(created.text).toContain(`Client: ${name} (${client.id})`);
    expect(created.text).toContain('"billingRef": null');
    // The HTML part escapes what it shows.
    expect(created.html).toContain(name.replace('<', '&lt;').replace('>', '&gt;'));
    expect(created.html).not.toContain(name);
    expect(created.messageId).toMatch(/@tally>?$/);
    expect(smtp.mails.some((m) => m.subject?.includes('client.updated'))).toBe(false);
    // Marked sent once SMTP accepted it (just after the server has it).
    await waitFor('both marked sent', async () => (await outbox()).every((r: { status: string }) => r.status === 'sent'));
    expect(smtp.mails.filter((m) => m.subject?.includes(name))).toHaveLength(2);
    // The worker's metrics say the same: two sent, after the refused attempts the outbox recorded.
    const attempts = (await outbox()).reduce((n: number, r: { attempts: number }) => n + r.attempts, 0);
    const text = await worker.get(MetricsRegistry).text();
    const value = (outcome: string) => Number(text.match(new RegExp(`^tally_mail_send_attempts_total\\{outcome="${outcome}"\\} (\\S+)$`, 'm'))?.[1] ?? NaN);
    expect({ sent: value('sent'), retrying: value('retrying') }).toEqual({ sent: 2, retrying: attempts - 2 });
  });
});
