import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { entry, ROOT, RunningProcess, startProcess } from '../support/processes';
import { freePort } from '../support/net';
import { PG_ADMIN_URL, TEST_ENV } from '../setup/test-env';
import { csvRecords } from '../support/csv';

/**
 * scripts/demo.js end to end: the built API and worker on a database of their own (the worker
 * collects every node in its database, so it must not see other suites' resources), a real
 * sshd on a loopback port reading authorized_keys from a temporary HOME, and the demo run from
 * a copy of the script so its .tally/demo state lands in a temporary directory too.
 */
describe('scripts/demo.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tally-demo-'));
  const home = join(dir, 'home');
  const repo = join(dir, 'repo');
  const database = `${new URL(TEST_ENV.DATABASE_URL).pathname.slice(1)}_demo`;
  const adminKey = `tally_${randomBytes(32).toString('base64url')}`;
  const queuePrefix = `tally-demo-test-${process.pid}`;
  let api: RunningProcess;
  let worker: RunningProcess;
  let sshd: ChildProcess;
  let sshPort: number;
  let url: string;

  const demo = (args: string[]) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, [join(repo, 'scripts/demo.js'), '--url', url, '--key', adminKey, '--output', join(dir, 'demo-report.csv'), '--timeout', '60', ...args],
        { cwd: dir, env: { PATH: process.env.PATH, HOME: home }, timeout: 90_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }));
    });

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

    mkdirSync(join(repo, 'scripts'), { recursive: true });
    copyFileSync(join(ROOT, 'scripts/demo.js'), join(repo, 'scripts/demo.js'));
    mkdirSync(home, { recursive: true });
    mkdirSync('/run/sshd', { recursive: true });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_ed25519')]);
    sshPort = await freePort();
    writeFileSync(join(dir, 'sshd_config'), [
      `Port ${sshPort}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_ed25519')}`, `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(home, '.ssh/authorized_keys')}`, 'StrictModes no', 'UsePAM no', 'PasswordAuthentication no',
      'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', 'UseDNS no', 'LogLevel ERROR', '',
    ].join('\n'));
    // The demo logs in as the current user (root here), so this sshd permits key logins for root.
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
    // The worker's job schedulers would otherwise stay in Redis under this run's prefix.
    const redis = new Redis(TEST_ENV.REDIS_URL);
    const keys = await redis.keys(`${queuePrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('explains what it needs before touching authorized_keys', async () => {
    const closed = await freePort();
    const noSshd = await demo(['--ssh-port', String(closed)]);
    expect(noSshd.code).toBe(2);
    expect(noSshd.out).toMatch(/no SSH server answers on 127\.0\.0\.1:\d+ .*\n.*apt install openssh-server/);
    const noConsent = await demo(['--ssh-port', String(sshPort)]);
    expect(noConsent.code).toBe(2);
    expect(noConsent.out).toMatch(/Re-run with --setup-ssh/);
    expect(() => readFileSync(join(home, '.ssh/authorized_keys'))).toThrow();
  });

  it('with --setup-ssh bills this machine: key, resource, collection, report', async () => {
    const run = await demo(['--setup-ssh', '--ssh-port', String(sshPort)]);
    expect(run.out).toMatch(/collected this machine: \d+ samples/);
    expect(run.code).toBe(0);
    const authorized = readFileSync(join(home, '.ssh/authorized_keys'), 'utf8');
    expect(authorized).toMatch(/^from="127\.0\.0\.1,::1",restrict ssh-ed25519 \S+ tally-demo@\S+\n$/);
    const rows = csvRecords(readFileSync(join(dir, 'demo-report.csv'), 'utf8'));
    const cpu = rows.find((r) => r.row_type === 'line' && r.measurement === 'cpu.count');
    expect(cpu).toMatchObject({ resource_type: 'node', samples: '1', project: 'this-machine', client: expect.stringMatching(/^Demo: /) });
    expect(Number(cpu!.last)).toBeGreaterThan(0);

    // Again, without the flag: everything is reused, nothing is added twice.
    const again = await demo(['--ssh-port', String(sshPort)]);
    expect(again.code).toBe(0);
    expect(readFileSync(join(home, '.ssh/authorized_keys'), 'utf8')).toBe(authorized);
    const clients = (await (await fetch(`${url}/api/v1/clients?name=Demo`, { headers: { Authorization: `Bearer ${adminKey}` } })).json()) as { total: number };
    expect(clients.total).toBe(1);
  }, 120_000);
});
