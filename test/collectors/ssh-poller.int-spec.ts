import { readFileSync } from 'fs';
import { join } from 'path';
import { pollHost, SshPollFailure, SshPollResult, SshPollSuccess, SshTarget } from '../../libs/collectors/src/ssh';
import { generateClientKey, startSilentServer, startSshd, TestSshd } from '../support/sshd';
import { freePort } from '../support/net';

const FIXTURES = join(__dirname, '../../libs/collectors/src/ssh/__fixtures__');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OPTIONS = { connectTimeoutMs: 5000, commandTimeoutMs: 5000 };

function targetOf(sshd: TestSshd, over: Partial<SshTarget> = {}): SshTarget {
  const { host, port, username, privateKey } = sshd;
  return { host, port, username, privateKey, expectedHostKeySha256: null, ...over };
}

function expectOk(r: SshPollResult): SshPollSuccess {
  if (!r.ok) throw new Error(`poll failed at ${r.stage}: ${r.reason}`);
  return r;
}

function expectFailure(r: SshPollResult): SshPollFailure {
  if (r.ok) throw new Error('poll unexpectedly succeeded');
  return r;
}

describe('pollHost against a real OpenSSH server', () => {
  let sshd: TestSshd;
  let garbage: TestSshd;
  let rebooted: TestSshd;
  let failing: TestSshd;
  let hanging: TestSshd;
  let stderrOnly: TestSshd;

  beforeAll(async () => {
    [sshd, garbage, rebooted, failing, hanging, stderrOnly] = await Promise.all([
      startSshd(),
      startSshd({ cannedOutput: 'Last login: never\n\u0000\u0007 {"cpu": 12}\n' }),
      startSshd({ cannedOutput: readFileSync(join(FIXTURES, 'debian-12-vm-rebooted.txt'), 'utf8') }),
      startSshd({ forceScript: 'echo "sh: /proc: permission denied" >&2; exit 3' }),
      startSshd({ forceScript: 'exec sleep 10' }),
      startSshd({ forceScript: 'echo "This account is currently not available." >&2' }),
    ]);
  });
  afterAll(() => Promise.all([sshd, garbage, rebooted, failing, hanging, stderrOnly].map((s) => s?.stop())));

  it('collects sane values on first contact and returns the host key to pin', async () => {
    const r = expectOk(await pollHost(targetOf(sshd), OPTIONS));
    expect(r.fingerprint).toBe(sshd.hostKeyFingerprint);
    expect(r.bootId).toMatch(UUID);
    // The server runs on this machine, so it must report this machine's boot.
    expect(r.bootId).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
    const v = r.values;
    expect(v['cpu.count']).toBeGreaterThanOrEqual(1);
    expect(v['cpu.busy']).toBeGreaterThan(0);
    expect(v['memory.total']).toBeGreaterThan(0);
    expect(v['memory.used']).toBeGreaterThan(0);
    expect(v['memory.used']).toBeLessThan(v['memory.total']!);
    expect(v['disk.total']).toBeGreaterThan(0);
    expect(v['disk.used']).toBeLessThanOrEqual(v['disk.total']!);
    expect(v['net.rx']).toBeGreaterThanOrEqual(0);
    expect(v['net.tx']).toBeGreaterThanOrEqual(0);
    expect(v['load.1m']).toBeGreaterThanOrEqual(0);
    expect(r.durationMs).toBeLessThan(OPTIONS.connectTimeoutMs + OPTIONS.commandTimeoutMs);
  });

  it('succeeds when the pinned host key matches', async () => {
    const r = expectOk(await pollHost(targetOf(sshd, { expectedHostKeySha256: sshd.hostKeyFingerprint }), OPTIONS));
    expect(r.fingerprint).toBe(sshd.hostKeyFingerprint);
  });

  it('refuses a host whose key differs from the pin, saying both', async () => {
    const pinned = garbage.hostKeyFingerprint; // a real but different host key
    const r = expectFailure(await pollHost(targetOf(sshd, { expectedHostKeySha256: pinned }), OPTIONS));
    expect(r.stage).toBe('hostkey');
    expect(r.reason).toBe(`host key mismatch: expected ${pinned}, got ${sshd.hostKeyFingerprint}`);
    expect(r.fingerprint).toBe(sshd.hostKeyFingerprint);
  });

  it('reports a key missing from authorized_keys as an auth failure', async () => {
    const stranger = await generateClientKey(sshd.dir, 'stranger');
    const r = expectFailure(await pollHost(targetOf(sshd, { privateKey: stranger.privateKey }), OPTIONS));
    expect(r.stage).toBe('auth');
    expect(r.reason).toMatch(/refused/);
    expect(r.fingerprint).toBe(sshd.hostKeyFingerprint);
  });

  it('uses a passphrase-protected key', async () => {
    const key = await generateClientKey(sshd.dir, 'protected', 'correct horse');
    sshd.authorize(key.publicKey);
    expectOk(await pollHost(targetOf(sshd, { privateKey: key.privateKey, passphrase: 'correct horse' }), OPTIONS));
    const wrong = expectFailure(await pollHost(targetOf(sshd, { privateKey: key.privateKey, passphrase: 'nope' }), OPTIONS));
    expect(wrong.stage).toBe('auth');
    expect(wrong.reason).toMatch(/^private key unusable: cannot parse private key/);
  });

  it('reports an unusable credential without contacting the host', async () => {
    const r = expectFailure(await pollHost(targetOf(sshd, { privateKey: 'not a key' }), OPTIONS));
    expect(r.stage).toBe('auth');
    expect(r.reason).toMatch(/^private key unusable/);
  });

  it('gives up on a port that accepts and never speaks within the connect timeout', async () => {
    const silent = await startSilentServer();
    try {
      const target = { ...targetOf(sshd), port: silent.port };
      const r = expectFailure(await pollHost(target, { connectTimeoutMs: 500, commandTimeoutMs: 5000 }));
      expect(r.stage).toBe('timeout');
      expect(r.reason).toBe('no SSH handshake within 500 ms');
      expect(r.durationMs).toBeGreaterThanOrEqual(450);
      expect(r.durationMs).toBeLessThan(1500);
    } finally {
      await silent.stop();
    }
  });

  it('reports a closed port as a connect error', async () => {
    const r = expectFailure(await pollHost({ ...targetOf(sshd), port: await freePort() }, OPTIONS));
    expect(r.stage).toBe('connect');
    expect(r.reason).toMatch(/ECONNREFUSED/);
    expect(r.fingerprint).toBeUndefined();
  });

  it('reports garbage output as a parse failure with the reason', async () => {
    const r = expectFailure(await pollHost(targetOf(garbage), OPTIONS));
    expect(r.stage).toBe('parse');
    expect(r.reason).toMatch(/^output: no "@@tally" sections found \(output starts with "Last login: never/);
  });

  it('reports a failing command with its exit status and stderr', async () => {
    const r = expectFailure(await pollHost(targetOf(failing), OPTIONS));
    expect(r.stage).toBe('exec');
    // Any login warning (a missing home, say) comes first, joined with " | ".
    expect(r.reason).toMatch(/^command exited with 3: (.* \| )?sh: \/proc: permission denied$/);
  });

  it('reports a command that printed only to stderr', async () => {
    const r = expectFailure(await pollHost(targetOf(stderrOnly), OPTIONS));
    expect(r.stage).toBe('exec');
    expect(r.reason).toMatch(/^command printed nothing on stdout; stderr: (.* \| )?This account is currently not available\.$/);
  });

  it('drops a connection whose command hangs, within the command timeout', async () => {
    const r = expectFailure(await pollHost(targetOf(hanging), { connectTimeoutMs: 5000, commandTimeoutMs: 700 }));
    expect(r.stage).toBe('timeout');
    expect(r.reason).toBe('command did not finish within 700 ms');
    expect(r.durationMs).toBeLessThan(3000);
  });

  it('reads a rebooted host: new boot id, counters restarted', async () => {
    const before = expectOk(await pollHost(targetOf(sshd), OPTIONS));
    const after = expectOk(await pollHost(targetOf(rebooted), OPTIONS));
    expect(after.bootId).toMatch(UUID);
    expect(after.bootId).not.toBe(before.bootId);
    expect(after.values['cpu.busy']).toBeCloseTo(7.42, 10); // (420 + 310 + 9 + 3) / 100
    expect(after.values['cpu.busy']).toBeLessThan(before.values['cpu.busy']!);
    expect(after.values['net.rx']).toBeLessThan(before.values['net.rx']!);
  });

  it('polls 50 hosts in parallel, all successfully', async () => {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => pollHost(targetOf(sshd, { expectedHostKeySha256: sshd.hostKeyFingerprint }), OPTIONS)),
    );
    const elapsed = Date.now() - started;
    const failures = results.filter((r): r is SshPollFailure => !r.ok).map((r) => `${r.stage}: ${r.reason}`);
    expect(failures).toEqual([]);
    expect(new Set(results.map((r) => (r as SshPollSuccess).bootId)).size).toBe(1);
    // Reported rather than asserted tightly: CI machines vary. Generous upper bound only.
    process.stdout.write(`50 parallel polls: ${elapsed} ms\n`);
    expect(elapsed).toBeLessThan(20_000);
  });
});
