import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUEUES } from '@tally/jobs';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { tempCheckout } from '../support/checkout';
import { csvRecords } from '../support/csv';
import { freePort } from '../support/net';
import { entry, RunningProcess, startProcess } from '../support/processes';
import { PG_ADMIN_URL, TEST_ENV } from '../setup/test-env';

/**
 * scripts/demo.js end to end: the built API and worker on a database of their own (the worker
 * collects every node in its database, so it must not see other suites' resources), a real
 * sshd on a loopback port standing in for this machine's, reading authorized_keys from a
 * temporary HOME, and the demo run from a checkout in a temporary directory, so its
 * .tally/demo state lands there too.
 */
describe('scripts/demo.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tally-demo-'));
  const repo = tempCheckout('tally-demo-repo-');
  const report = join(dir, 'demo-report.csv');
  const database = `${new URL(TEST_ENV.DATABASE_URL).pathname.slice(1)}_demo`;
  const adminKey = `tally_${randomBytes(32).toString('base64url')}`;
  const queuePrefix = `tally-demo-test-${process.pid}`;
  let db: Client;
  let api: RunningProcess;
  let worker: RunningProcess;
  let sshd: ChildProcess;
  let sshPort: number;
  let url: string;

  const demo = (args: string[], home = join(dir, 'home')) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      mkdirSync(home, { recursive: true });
      execFile(process.execPath, [join(repo, 'scripts/demo.js'), '--url', url, '--key', adminKey, '--output', report, '--timeout', '60', ...args],
        { cwd: dir, env: { PATH: process.env.PATH, HOME: home }, timeout: 90_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }));
    });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const get = async (path: string): Promise<any> => (await fetch(`${url}/api/v1${path}`, { headers: { Authorization: `Bearer ${adminKey}` } })).json();
  /**
   * As if the next slot had begun: the current slot's runs move back a week (one more each
   * time), and the finished jobs whose ids would make its new jobs no-ops are removed, so the
   * slot is uncollected again. Only this suite's stack uses these queues.
   */
  let moved = 0;
  const nextSlot = async () => {
    const slot = new Date(Math.floor(Date.now() / 1_800_000) * 1_800_000).toISOString();
    await db.query(`UPDATE collection_runs SET slot = slot - make_interval(days => $2) WHERE slot >= $1`, [slot, 7 * ++moved]);
    const connection = new Redis(TEST_ENV.REDIS_URL, { maxRetriesPerRequest: null });
    for (const name of [QUEUES.collect, QUEUES.persist]) {
      const queue = new Queue(name, { connection, prefix: queuePrefix });
      await queue.clean(0, 100_000, 'completed');
      await queue.close();
    }
    await connection.quit();
  };

  beforeAll(async () => {
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const dbUrl = new URL(TEST_ENV.DATABASE_URL);
    dbUrl.pathname = `/${database}`;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = {
      ...TEST_ENV, DATABASE_URL: dbUrl.toString(), TALLY_MIGRATE_ON_BOOT: 'true', TALLY_ADMIN_KEY: adminKey, LOG_LEVEL: 'info',
      TALLY_QUEUE_PREFIX: queuePrefix, PORT: String(port), HOST: '127.0.0.1',
    };
    api = startProcess(entry('api'), env);
    await api.waitFor(/API listening/, 60_000);
    worker = startProcess(entry('worker'), env);
    db = new Client({ connectionString: dbUrl.toString() });
    await db.connect();

    // This machine's sshd, as far as the demo can tell: it logs in as the current user (root
    // here), so this sshd permits key logins for root.
    const home = join(dir, 'home');
    mkdirSync('/run/sshd', { recursive: true });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_ed25519')]);
    sshPort = await freePort();
    writeFileSync(join(dir, 'sshd_config'), [
      `Port ${sshPort}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_ed25519')}`, `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(home, '.ssh/authorized_keys')}`, 'StrictModes no', 'UsePAM no', 'PasswordAuthentication no',
      'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', 'UseDNS no', 'LogLevel ERROR', '',
    ].join('\n'));
    sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' });
    await worker.waitFor(/./, 30_000);
  }, 120_000);

  afterAll(async () => {
    sshd?.kill();
    for (const p of [worker, api]) {
      if (!p || p.child.exitCode !== null) continue;
      p.child.kill('SIGTERM');
      await p.exited();
    }
    await db?.end();
    // The worker's job schedulers would otherwise stay in Redis under this run's prefix.
    const redis = new Redis(TEST_ENV.REDIS_URL);
    const keys = await redis.keys(`${queuePrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    rmSync(repo, { recursive: true, force: true });
  });

  it('explains what it needs, for machines with and without systemd, before touching authorized_keys', async () => {
    const closed = await freePort();
    const noSshd = await demo(['--ssh-port', String(closed)]);
    expect(noSshd.code).toBe(2);
    expect(noSshd.out).toContain(`no SSH server answers on 127.0.0.1:${closed} (ECONNREFUSED)`);
    expect(noSshd.out).toContain('npm run demo -- --own-sshd');
    expect(noSshd.out).toMatch(/without systemd: +sudo mkdir -p \/run\/sshd && sudo \/usr\/sbin\/sshd/);
    const noConsent = await demo(['--ssh-port', String(sshPort)]);
    expect(noConsent.code).toBe(2);
    expect(noConsent.out).toMatch(/Re-run with --setup-ssh/);
    expect(noConsent.out).toMatch(/Or run with --own-sshd/);
    expect(existsSync(join(dir, 'home/.ssh'))).toBe(false);
    expect((await demo(['--own-sshd', '--ssh-port', '22'])).code).toBe(2);
  });

  it('with --setup-ssh bills this machine even when the current slot was collected before the demo began', async () => {
    // Someone else's trigger (the README's walk-through does this) claims the current slot first.
    const claimed = (await (await fetch(`${url}/api/v1/collections`, {
      method: 'POST', headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' }, body: '{}',
    })).json()) as { id: string; slot: string; state: string };
    for (let r = claimed; !['succeeded', 'partial', 'failed'].includes(r.state); r = await get(`/collections/${claimed.id}`)) await new Promise((w) => setTimeout(w, 200));

    const run = await demo(['--setup-ssh', '--ssh-port', String(sshPort)]);
    expect(run.out).toMatch(/collected this machine: \d+ samples/);
    expect(run.out).toContain(`into slot ${claimed.slot} (run ${claimed.id})`);
    expect(run.code).toBe(0);
    const authorized = readFileSync(join(dir, 'home/.ssh/authorized_keys'), 'utf8');
    expect(authorized).toMatch(/^from="127\.0\.0\.1,::1",restrict ssh-ed25519 \S+ tally-demo@\S+\n$/);
    const rows = csvRecords(readFileSync(report, 'utf8'));
    const cpu = rows.find((r) => r.row_type === 'line' && r.measurement === 'cpu.count');
    expect(cpu).toMatchObject({ resource_type: 'node', samples: '1', project: 'this-machine', client: expect.stringMatching(/^Demo: /) });
    expect(Number(cpu!.last)).toBeGreaterThan(0);

    // Again, without the flag: everything is reused, nothing is added twice.
    const again = await demo(['--ssh-port', String(sshPort)]);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'home/.ssh/authorized_keys'), 'utf8')).toBe(authorized);
    expect((await get('/clients?name=Demo')).total).toBe(1);
  }, 120_000);

  it('with --own-sshd --ganeti bills this machine through its own sshd and the VMs of its RAPI stand-in, touching no ~/.ssh', async () => {
    await nextSlot();
    const home = mkdtempSync(join(tmpdir(), 'tally-demo-home-'));
    const run = await demo(['--own-sshd', '--ganeti'], home);
    expect(run.out).toMatch(/started a private sshd for the demo on 127\.0\.0\.1:\d+/);
    expect(run.out).toContain('fetched 11 instances from the stand-in into the Ganeti cache');
    expect(run.out).toMatch(/collected this machine: \d+ samples/);
    expect(run.out).toMatch(/collected 11 of 11 Ganeti VMs from the stand-in: 44 samples/);
    expect(run.code).toBe(0);
    expect(existsSync(join(home, '.ssh'))).toBe(false);

    const rows = csvRecords(readFileSync(report, 'utf8'));
    expect(rows.find((r) => r.row_type === 'line' && r.resource === 'instance2' && r.measurement === 'ganeti.vcpus')).toMatchObject({ resource_type: 'ganeti-vm', samples: '1', project: 'ganeti-stand-in' });
    expect(rows.find((r) => r.row_type === 'line' && r.measurement === 'node.up')).toMatchObject({ resource_type: 'node', samples: '1' });

    // Nothing answers for them once the demo has ended: they are not left to fail every slot.
    const resources = (await get('/resources?limit=500')).items as { type: string; active: boolean; hostKeySha256: string | null }[];
    expect(resources.filter((r) => r.type === 'ganeti-vm')).toHaveLength(11);
    expect(resources.every((r) => !r.active)).toBe(true);
    expect(resources.find((r) => r.type === 'node')!.hostKeySha256).toMatch(/^SHA256:/);
    expect((await get('/clusters?fqdn=demo-cluster.localhost')).items).toEqual([expect.objectContaining({ active: false })]);

    // Back on this machine's sshd: the key pinned for the demo's own sshd is not held against it.
    await nextSlot();
    expect((await demo(['--ssh-port', String(sshPort)])).out).toMatch(/collected this machine: \d+ samples/);
  }, 120_000);

  it('writes no report when its resources were not collected (no worker)', async () => {
    worker.child.kill('SIGTERM');
    await worker.exited();
    await nextSlot();
    rmSync(report, { force: true });
    const run = await demo(['--ssh-port', String(sshPort), '--timeout', '3']);
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/the collection \(run \S+\) is still not done after 3 s: 0 of 1 outcomes\. Is the worker running/);
    expect(existsSync(report)).toBe(false);
  }, 60_000);
});
