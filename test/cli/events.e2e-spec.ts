import { spawn } from 'node:child_process';
import { AddressInfo } from 'node:net';
import { waitFor } from '../collection/collection-env';
import { startApi, TestApi } from '../support/api-app';
import { uniq } from '../support/factories';
import { CLI, ensureCliBuilt, runCli } from './cli-runner';

/** `tally events` and `tally audit`: the event stream and the audit log from the command line. */
describe('tally events and tally audit', () => {
  let api: TestApi;
  let env: Record<string, string>;
  const tally = (args: string[]) => runCli(args, env);

  beforeAll(async () => {
    ensureCliBuilt();
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    env = { TALLY_URL: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`, TALLY_API_KEY: api.adminKey };
  });
  afterAll(() => api.close());

  const admin = () => api.as(api.adminKey);

  it('lists events filtered by type, as a table or the API JSON, and pages from a cursor', async () => {
    const start = JSON.parse((await tally(['events', 'list', '--after', 'head', '--json'])).stdout).nextCursor;
    const a = (await admin().post('/api/v1/clients').send({ name: uniq('cli-events') }).expect(201)).body;
    const b = (await admin().post('/api/v1/clients').send({ name: uniq('cli-events') }).expect(201)).body;

    const listed = await tally(['events', 'list', '--type', 'client.*', '--limit', '5']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^ID\s+AT\s+TYPE\s+SUBJECT\s+CLIENT\s+ACTOR$/);
    expect(listed.stdout).toMatch(new RegExp(`client\\.created\\s+client ${b.id}\\s+${b.id}\\s+test-admin-`));

    const after = await tally(['events', 'list', '--type', 'client.created', '--after', start, '--json']);
    const page = JSON.parse(after.stdout);
    expect(page.items.map((e: { subject: { id: string } }) => e.subject.id)).toEqual([a.id, b.id]); // log order
    expect(after.stderr).toBe(`next cursor: ${page.nextCursor}\n`);

    expect((await tally(['events', 'list', '--since', 'yesterday'])).code).toBe(2);
    const bad = await tally(['events', 'list', '--type', 'Client!']);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringMatching(/type must be an event name .*HTTP 400/)]);
  });

  it('follows the stream from a cursor as events are written, one JSON line each, and stops cleanly when interrupted', async () => {
    const before = (await admin().post('/api/v1/clients').send({ name: uniq('before') }).expect(201)).body.id;
    const start = JSON.parse((await tally(['events', 'list', '--after', 'head', '--json'])).stdout).nextCursor;
    const child = spawn(process.execPath, [CLI, 'events', 'list', '--follow', '--after', start, '--type', 'client.created', '--json', '--poll', '100'], { env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const made = [
        (await admin().post('/api/v1/clients').send({ name: uniq('follow') }).expect(201)).body.id,
        (await admin().post('/api/v1/clients').send({ name: uniq('follow') }).expect(201)).body.id,
      ];
      const seen = await waitFor('both clients in the stream', async () => {
        const ids = out.split('\n').filter(Boolean).map((l) => JSON.parse(l).subject.id as string);
        return made.every((id) => ids.includes(id)) && ids;
      });
      expect(seen).not.toContain(before);
      const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(lines.every((e) => e.type === 'client.created')).toBe(true);
      expect(new Set(lines.map((e) => e.id)).size).toBe(lines.length); // never twice
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('shows the audit log by entity, id and actor, with who, from where and the changes', async () => {
    const key = (await admin().post('/api/v1/api-keys').send({ name: uniq('auditor'), role: 'admin' }).expect(201)).body;
    const client = (await api.as(key.key).post('/api/v1/clients').set('X-Request-Id', 'cli-audit-1').send({ name: uniq('audited'), billingRef: 'A-1' }).expect(201)).body;
    await api.as(key.key).patch(`/api/v1/clients/${client.id}`).send({ billingRef: 'A-2' }).expect(200);

    const audit = await tally(['audit', '--entity', 'client', '--id', client.id]);
    expect(audit.code).toBe(0);
    const [head, updated, created] = audit.stdout.trim().split('\n');
    expect(head).toMatch(/^AT\s+ACTOR\s+ROLE\s+FROM\s+REQUEST\s+TYPE\s+ID\s+CHANGES$/);
    expect(updated).toMatch(new RegExp(`${key.name}\\s+admin\\s+\\S*127\\.0\\.0\\.1\\s+\\S+\\s+client\\.updated\\s+${client.id}\\s+billingRef: A-1 → A-2$`));
    expect(created).toMatch(new RegExp(`${key.name}\\s+admin\\s+\\S*127\\.0\\.0\\.1\\s+cli-audit-1\\s+client\\.created\\s+${client.id}\\s+-$`));

    const byActor = JSON.parse((await tally(['audit', '--actor', key.id, '--json'])).stdout);
    expect(byActor.items.map((e: { type: string }) => e.type)).toEqual(['client.updated', 'client.created']);
    const since = JSON.parse((await tally(['audit', '--actor', key.id, '--since', new Date(Date.now() + 60_000).toISOString(), '--json'])).stdout);
    expect(since.total).toBe(0);
    const until = JSON.parse((await tally(['audit', '--actor', key.id, '--until', '2020-01-01T00:00:00Z', '--json'])).stdout);
    expect(until.total).toBe(0);
  });
});
