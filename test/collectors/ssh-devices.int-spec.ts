import { ChildProcess, execFileSync, spawn } from 'child_process';
import { createHash } from 'crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pollHost, SshPollSpec, SshPollSuccess, SshReading, SshTarget } from '../../libs/collectors/src/ssh';
import { startSshd, TestSshd } from '../support/sshd';

const OPTIONS = { connectTimeoutMs: 5000, commandTimeoutMs: 10_000 };
const devicesOf = (r: SshReading, m: string) => Object.fromEntries(r.devices.filter((d) => d.measurement === m).map((d) => [d.device, d.value]));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The full command against this machine's own sshd: what a newcomer sees for the machine they register. */
describe('the full poll command over a real OpenSSH server', () => {
  let sshd: TestSshd;
  let dir: string;
  let sleeper: ChildProcess | undefined;
  // A marker no other process on the machine has in its command line.
  const marker = `${process.pid}.${Date.now() % 100000}`;

  beforeAll(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), 'tally-tracked-'));
    chmodSync(dir, 0o755); // the SSH user is not the test's user when the suite runs as root
  });
  afterAll(async () => {
    sleeper?.kill();
    rmSync(dir, { recursive: true, force: true });
    await sshd?.stop();
  });

  async function poll(spec?: SshPollSpec): Promise<SshPollSuccess> {
    const { host, port, username, privateKey } = sshd;
    const target: SshTarget = { host, port, username, privateKey, expectedHostKeySha256: sshd.hostKeyFingerprint, ...(spec ? { spec } : {}) };
    const r = await pollHost(target, OPTIONS);
    if (!r.ok) throw new Error(`poll failed at ${r.stage}: ${r.reason}`);
    return r;
  }

  it('gives every mount, disk and interface of this machine, with the values df and the kernel show', async () => {
    const { reading: r, values } = await poll();
    expect(r.platform).toBe('linux');
    // The root filesystem's size is exactly what df says.
    const dfRoot = execFileSync('df', ['-B1', '-P', '/'], { encoding: 'utf8' }).trim().split('\n')[1].split(/\s+/);
    expect(devicesOf(r, 'fs.size')['/']).toBe(Number(dfRoot[1]));
    expect(devicesOf(r, 'fs.used')['/']).toBeGreaterThan(0);
    expect(devicesOf(r, 'fs.inodes.total')['/'] ?? r.unavailable.find((u) => u.key === 'fs.inodes.total' && u.device === '/')).toBeTruthy();
    // The per-mount sizes add up to the billed total when each device is mounted once.
    const sizes = Object.values(devicesOf(r, 'fs.size'));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(values['disk.total']);
    // Disks: the kernel's whole disks, less loop and RAM devices.
    const disks = readdirSync('/sys/block').filter((d) => !/^(loop|ram|zram)\d/.test(d)).sort();
    expect(Object.keys(devicesOf(r, 'disk.reads')).sort()).toEqual(disks);
    for (const d of disks) expect(devicesOf(r, 'disk.read.bytes')[d]).toBeGreaterThanOrEqual(0);
    // Interfaces: all of /proc/net/dev, lo included as a device but not in the total.
    const net = devicesOf(r, 'net.rx');
    expect(Object.keys(net)).toContain('lo');
    expect(net.lo).toBeGreaterThan(0); // this very poll crossed loopback
    expect(values['net.rx']).toBe(Object.entries(net).filter(([i]) => i !== 'lo').reduce((a, [, v]) => a + v, 0));
    expect(r.host['load.15m']).toBeGreaterThanOrEqual(0);
    expect(r.host['proc.total']).toBeGreaterThan(10);
  });

  it('gives temperatures where the kernel has sensors, and a reason where it has none', async () => {
    const { reading: r } = await poll();
    const temps = devicesOf(r, 'temp.celsius');
    const reason = r.unavailable.find((u) => u.key === 'temp.celsius' && u.device === undefined)?.reason;
    if (Object.keys(temps).length === 0) expect(reason).toMatch(/no temperature sensors/);
    else for (const c of Object.values(temps)) expect(c).toBeGreaterThan(-100);
    // Never both silent and empty: a GPU too is there or explained.
    expect(Object.keys(devicesOf(r, 'gpu.util')).length > 0 || r.unavailable.some((u) => u.key === 'gpu.util')).toBe(true);
  });

  it('notices a tracked file changing between two polls, and says why an absent one has no value', async () => {
    // A name no shell would take literally: it must reach the host byte for byte.
    const tracked = join(dir, "it's $(x) `y` !%s €.conf");
    writeFileSync(tracked, 'listen 80\n', { mode: 0o644 });
    utimesSync(tracked, 1_700_000_000, 1_700_000_000);
    const spec: SshPollSpec = { files: [tracked, join(dir, 'absent.conf')], processChecks: [] };

    const before = (await poll(spec)).reading;
    expect(before.files).toEqual([{ path: tracked, size: 10, mtime: 1_700_000_000, sha256: sha256('listen 80\n') }]);
    expect(before.unavailable.find((u) => u.key === 'file.size' && u.device === join(dir, 'absent.conf'))?.reason).toBe('no such file');

    writeFileSync(tracked, 'listen 8080\n');
    utimesSync(tracked, 1_700_000_060, 1_700_000_060);
    const after = (await poll(spec)).reading;
    expect(after.files).toEqual([{ path: tracked, size: 12, mtime: 1_700_000_060, sha256: sha256('listen 8080\n') }]);
    expect(devicesOf(after, 'file.size')[tracked]).toBe(12);
  });

  it('counts the processes a check matches, 0 once they are gone', async () => {
    const spec: SshPollSpec = {
      files: [],
      processChecks: [
        { label: 'sleeper', commandLine: `sleep ${marker.replace('.', '[.]')}$` },
        { label: 'sleeper by name', process: 'sleep', commandLine: marker.replace('.', '[.]') },
        { label: 'nobody by that name', process: 'no-such-process-name' },
      ],
    };
    sleeper = spawn('sleep', [marker], { stdio: 'ignore' });
    await new Promise((resolve) => sleeper!.once('spawn', resolve));
    const running = (await poll(spec)).reading;
    expect(devicesOf(running, 'proc.check')).toEqual({ sleeper: 1, 'sleeper by name': 1, 'nobody by that name': 0 });

    const exited = new Promise((resolve) => sleeper!.once('exit', resolve));
    sleeper.kill();
    await exited;
    sleeper = undefined;
    const gone = (await poll(spec)).reading;
    expect(devicesOf(gone, 'proc.check')).toEqual({ sleeper: 0, 'sleeper by name': 0, 'nobody by that name': 0 });
  });
});
