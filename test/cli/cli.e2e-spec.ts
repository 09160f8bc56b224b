import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, TestApi } from '../support/api-app';
import { testSlot } from '../collection/collection-env';
import { uniq, seedReportClient, SeededClient, WINDOW } from '../support/factories';
import { csvRecords } from '../support/csv';
import { ensureCliBuilt, runCli } from './cli-runner';

describe('tally CLI against the API', () => {
  let api: TestApi;
  let env: Record<string, string>;
  let seeded: SeededClient;
  const tmp = mkdtempSync(join(tmpdir(), 'tally-cli-'));
  const tally = (args: string[], extra: Record<string, string> = {}) => runCli(args, { ...env, ...extra });

  beforeAll(async () => {
    ensureCliBuilt();
    // A week of late-push grace keeps the past week's slots open to triggers (see the collect test).
    api = await startApi({ TALLY_LATE_PUSH_GRACE_MINUTES: '10080' });
    await api.app.listen(0, '127.0.0.1');
    env = { TALLY_URL: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`, TALLY_API_KEY: api.adminKey };
    seeded = await seedReportClient(api, `Cli Lab ${uniq('cli')}`);
  });
  afterAll(() => api.close());

  it('creates and lists clients and projects, as tables and as --json', async () => {
    const name = uniq('Cli Client');
    const created = await tally(['clients', 'create', name, '--billing-ref', 'CUST-9', '--json']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const client = JSON.parse(created.stdout);
    expect(client).toMatchObject({ name, billingRef: 'CUST-9', active: true });

    const table = await tally(['clients', 'list', '--name', name]);
    expect(table.code).toBe(0);
    const [header, row, ...rest] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+NAME\s+BILLING REF\s+ACTIVE$/);
    expect(row).toMatch(new RegExp(`^${client.id}\\s+${name}\\s+CUST-9\\s+true$`));
    expect(rest).toEqual([]);

    const project = await tally(['projects', 'create', 'web', '--client', client.id, '--json']);
    expect(project.code).toBe(0);
    const listed = JSON.parse((await tally(['projects', 'list', '--client', client.id, '--json'])).stdout);
    expect(listed).toEqual({ items: [JSON.parse(project.stdout)], total: 1 });
  });

  it('creates push, ganeti-vm and node resources and lists them', async () => {
    const keyFile = join(tmp, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
    const credential = await tally(['credentials', 'create', uniq('cli-key'), '--kind', 'ssh-private-key', '--secret-file', keyFile, '--json']);
    expect(credential.code).toBe(0);
    const credentialId = JSON.parse(credential.stdout).id;
    expect(credential.stdout).not.toContain('PRIVATE KEY');

    const project = seeded.projects.beta;
    const push = await tally(['resources', 'create', 'db-2', '--project', project, '--type', 'database', '--label', 'tier=gold', '--json']);
    expect(push.code).toBe(0);
    expect(JSON.parse(push.stdout)).toMatchObject({ type: 'database', labels: { tier: 'gold' } });
    const vm = await tally(['resources', 'create', uniq('vm'), '--project', project, '--type', 'ganeti-vm', '--cluster', 'cluster1.example.org']);
    expect(vm).toMatchObject({ code: 0, stderr: '' });
    const node = await tally(['resources', 'create', 'node-1', '--project', project, '--type', 'node', '--ssh-host', '127.0.0.1', '--ssh-port', '2222', '--ssh-user', 'tally', '--credential', credentialId]);
    expect(node.code).toBe(0);
    expect(node.stdout).toContain('tally@127.0.0.1:2222');

    const list = await tally(['resources', 'list', '--project', project, '--type', 'node']);
    expect(list.stdout.trimEnd().split('\n')).toHaveLength(2);
    const bad = await tally(['resources', 'create', 'node-2', '--project', project, '--type', 'node', '--ssh-host', '127.0.0.1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^tally: sshUser.*\(HTTP 400, request id [^)]+\)\n$/);
  });

  it('downloads a report to a file, and to stdout as JSON', async () => {
    const file = join(tmp, 'report.csv');
    const res = await tally(['report', seeded.client.id, '--from', WINDOW.from, '--to', WINDOW.to, '-o', file]);
    expect(res).toMatchObject({ code: 0, stdout: '', stderr: expect.stringMatching(/Wrote .*report\.csv \(\d+ bytes, final report; the server named it tally-cli-lab-/) });
    expect(existsSync(`${file}.part`)).toBe(false);
    const rows = csvRecords(readFileSync(file, 'utf8'));
    expect(rows.find((r) => r.row_type === 'client_total' && r.measurement === 'ganeti.vcpus')).toMatchObject({ usage: '8.5' });

    const json = await tally(['report', seeded.client.id, '--from', '2026-10-01', '--to', '2026-10-02', '--tz', 'UTC', '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).totals.find((t: { key: string }) => t.key === 'net.rx').usage).toBe(410);

    // The format follows the file's extension: an XLSX (a ZIP) and a PDF, each named by the server.
    for (const [name, magic] of [['report.xlsx', 'PK'], ['report.pdf', '%PDF']] as const) {
      const out = await tally(['report', seeded.client.id, '--from', WINDOW.from, '--to', WINDOW.to, '-o', join(tmp, name)]);
      expect(out).toMatchObject({ code: 0, stderr: expect.stringMatching(new RegExp(`the server named it tally-cli-lab-.*\\.${name.split('.')[1]}\\)`)) });
      expect(readFileSync(join(tmp, name)).subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
  });

  it('exits 1 with the API message on API errors and 2 on bad usage', async () => {
    const missing = await tally(['report', '00000000-0000-4000-8000-000000000000', '-o', join(tmp, 'none.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^tally: client 00000000-0000-4000-8000-000000000000 not found \(HTTP 404/);
    expect(existsSync(join(tmp, 'none.csv'))).toBe(false);

    const window = await tally(['report', seeded.client.id, '--from', '2026-10-02', '--to', '2026-10-01']);
    expect(window).toMatchObject({ code: 1, stdout: '' });
    expect(window.stderr).toMatch(/^tally: to: must be after from/);

    const forbidden = await tally(['clients', 'create', uniq('x')], { TALLY_API_KEY: seeded.clientKey });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/needs role admin/);

    expect((await tally(['clients', 'list'], { TALLY_API_KEY: 'tally_wrong' })).stderr).toMatch(/Malformed API key: .* \(HTTP 401/);
    expect((await tally(['clients', 'list'], { TALLY_API_KEY: `tally_${'A'.repeat(43)}` })).stderr).toMatch(/Unknown or revoked API key \(HTTP 401/);
    const noKey = await runCli(['clients', 'list'], { TALLY_URL: env.TALLY_URL });
    expect(noKey).toMatchObject({ code: 2, stderr: 'tally: no API key: pass --key <key> or set TALLY_API_KEY\n' });
    expect((await tally(['report', seeded.client.id, '--format', 'xml'])).code).toBe(2);
    expect((await tally(['clients', 'list', '--limit', '0'])).code).toBe(2);
    expect((await tally(['frobnicate'])).code).toBe(2);
    expect((await runCli(['clients', 'list', '--url', 'http://127.0.0.1:9', '--key', 'k'])).stderr).toMatch(/^tally: cannot reach Tally at http:\/\/127\.0\.0\.1:9/);
  });

  it('triggers a collection and waits for it with --wait', async () => {
    // A unique past slot, still open, so no other suite's trigger shares the run; the "worker" is this test.
    const slot = new Date((Math.floor(Date.now() / 1_800_000) - 48 - Math.floor(Math.random() * 200)) * 1_800_000).toISOString();
    const waiting = tally(['collect', '--slot', slot, '--wait', '--poll', '200', '--json']);
    const id = await runIdOf(api, slot);
    await api.db.query(`UPDATE collection_runs SET state = 'running', total = 2, started_at = now() WHERE id = $1`, [id]);
    await new Promise((r) => setTimeout(r, 300));
    await api.db.query(
      `INSERT INTO collection_run_outcomes (run_id, target, ok, reason, samples, at)
       VALUES ($1, $2, true, NULL, 12, $4), ($1, $3, false, 'ssh: connection refused', 0, $4)`,
      [id, seeded.resources.vm1, seeded.resources.db1, slot],
    );
    await api.db.query(
      `UPDATE collection_runs SET state = 'partial', ok_count = 1, error_count = 1, sample_count = 12, finished_at = now() WHERE id = $1`,
      [id],
    );
    const res = await waiting;
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ id, state: 'partial', okCount: 1, errorCount: 1 });
    expect(res.stderr).toContain(`failed: -db-1 (${seeded.resources.db1}): ssh: connection refused`);
    expect(res.stderr).toMatch(/tally: collection partial: 1 of 2 targets failed\n$/);

    const again = await tally(['collect', '--slot', slot]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already triggered/);
    expect(again.stdout).toContain(id);
  });
});

describe('tally runs and collect --resource', () => {
  let api: TestApi;
  let env: Record<string, string>;
  const tally = (args: string[]) => runCli(args, env);
  /** GETs of one run, as the CLI polls it: the event that proves it looked again. */
  const polls = new Map<string, number>();

  beforeAll(async () => {
    ensureCliBuilt();
    // A week of grace keeps the past slots these tests trigger open (closed ones answer 409).
    api = await startApi({ TALLY_LATE_PUSH_GRACE_MINUTES: '10080' });
    await api.app.listen(0, '127.0.0.1');
    api.app.getHttpServer().on('request', (req: { method: string; url: string }) => {
      const id = /^\/api\/v1\/collections\/([0-9a-f-]{36})/.exec(req.url)?.[1];
      if (req.method === 'GET' && id) polls.set(id, (polls.get(id) ?? 0) + 1);
    });
    env = { TALLY_URL: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`, TALLY_API_KEY: api.adminKey };
  });
  afterAll(() => api.close());

  const pastSlot = () => testSlot().toISOString();
  const polledAgain = async (id: string, times = 2) => {
    const from = polls.get(id) ?? 0;
    while ((polls.get(id) ?? 0) < from + times) await new Promise((r) => setImmediate(r));
  };
  const finish = (id: string, state: string, ok: number, errors: number) =>
    api.db.query(`UPDATE collection_runs SET state = $2, total = $3, ok_count = $4, error_count = $5, started_at = now(), finished_at = now() WHERE id = $1`,
      [id, state, ok + errors, ok, errors]);
  const outcome = (id: string, target: string, ok: boolean, reason: string | null = null) =>
    api.db.query(`INSERT INTO collection_run_outcomes (run_id, target, ok, reason, samples, at) VALUES ($1, $2, $3, $4, 4, now())`, [id, target, ok, reason]);

  it('lists runs by kind and state, as a table and as --json', async () => {
    const slot = pastSlot();
    const id = JSON.parse((await tally(['collect', '--slot', slot, '--json'])).stdout).id;
    await finish(id, 'partial', 1, 1);
    const json = JSON.parse((await tally(['runs', 'list', '--kind', 'collect', '--state', 'partial', '--limit', '500', '--json'])).stdout);
    expect(json.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(json.items.every((r: { kind: string; state: string }) => r.kind === 'collect' && r.state === 'partial')).toBe(true);
    const [header, ...rows] = (await tally(['runs', 'list', '--state', 'partial', '--limit', '500'])).stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+KIND\s+SLOT\s+STATE\s+TRIGGER\s+OK\s+FAILED\s+OF\s+SAMPLES\s+DURATION\s+REASON$/);
    expect(rows.find((r) => r.startsWith(id))).toMatch(/^\S+\s+collect\s+\S+\s+partial\s+api\s+1\s+1\s+2\s+0\s+\d+\.\ds\s+-$/);
    expect((await tally(['runs', 'list', '--state', 'sleeping'])).code).toBe(2);
  });

  it('lists missed slots with their reason', async () => {
    const slot = pastSlot();
    const reason = `Redis unavailable from ${slot} to ${slot}: not collected before it closed at ${slot}`;
    const [{ id }] = await api.db.query(
      `INSERT INTO collection_runs (kind, slot, state, trigger, reason, finished_at) VALUES ('collect', $1, 'missed', 'reconcile', $2, now()) RETURNING id`,
      [slot, reason],
    );
    // Removed after: a reconciled row starts the slot ledger, which other suites' health checks would then judge.
    const rows = await tally(['runs', 'list', '--state', 'missed', '--limit', '500'])
      .then((r) => r.stdout.trimEnd().split('\n').slice(1))
      .finally(() => api.db.query(`DELETE FROM collection_runs WHERE id = $1`, [id]));
    expect(rows.find((r) => r.startsWith(id))).toMatch(new RegExp(`^\\S+\\s+collect\\s+\\S+\\s+missed\\s+reconcile\\s+0\\s+0\\s+0\\s+0\\s+-\\s+${reason.replace(/[.()]/g, '\\$&')}$`));
  });

  it('watches a run until it finishes: 0 and the final run with --json, 1 and the failures when some failed', async () => {
    const id = JSON.parse((await tally(['collect', '--slot', pastSlot(), '--json'])).stdout).id;
    const watching = tally(['runs', 'watch', id, '--poll', '100', '--json']);
    await polledAgain(id);
    await finish(id, 'succeeded', 2, 0);
    const res = await watching;
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ id, kind: 'collect', state: 'succeeded', okCount: 2, outcomes: [] });

    const failing = JSON.parse((await tally(['collect', '--slot', pastSlot(), '--json'])).stdout).id;
    const target = '00000000-0000-4000-8000-00000000abcd';
    await outcome(failing, target, false, 'ssh: connection refused');
    await finish(failing, 'partial', 1, 1);
    const partial = await tally(['runs', 'watch', failing]);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain(`failed: ${target} (${target}): ssh: connection refused`);
    expect((await tally(['runs', 'watch', '00000000-0000-4000-8000-000000000000'])).stderr).toMatch(/not found \(HTTP 404/);
  });

  it('collect --resource --wait waits for that resource\'s outcome, not only for the run to finish', async () => {
    const admin = api.as(api.adminKey);
    const client = (await admin.post('/api/v1/clients').send({ name: uniq('Runs Lab') }).expect(201)).body.id;
    const project = (await admin.post('/api/v1/projects').send({ clientId: client, name: 'p' }).expect(201)).body.id;
    const vm = (await admin.post('/api/v1/resources').send({ projectId: project, name: uniq('vm'), type: 'ganeti-vm', clusterFqdn: 'c.example.org' }).expect(201)).body.id;
    const slot = pastSlot();
    const waiting = tally(['collect', '--slot', slot, '--resource', vm, '--wait', '--poll', '100', '--json']);
    const id = await runIdOf(api, slot);
    // The slot's own collection is done, but the resource asked for is not in it yet.
    await finish(id, 'succeeded', 3, 0);
    await polledAgain(id);
    let exited = false;
    void waiting.then(() => (exited = true));
    await polledAgain(id);
    expect(exited).toBe(false);
    await outcome(id, vm, false, 'instance x is not in the answer from c.example.org');
    const res = await waiting;
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ id, outcomes: [{ target: vm, ok: false }] });
    expect(res.stderr).toMatch(/tally: collection succeeded: 1 of 1 resources asked for failed\n$/);
    expect((await tally(['collect', '--resource', 'nope'])).stderr).toMatch(/resourceIds must contain only UUIDs/);
  });
});

async function runIdOf(api: TestApi, slot: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const [row] = await api.db.query(`SELECT id FROM collection_runs WHERE kind = 'collect' AND slot = $1`, [slot]);
    if (row) return row.id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no run for slot ${slot}`);
}
