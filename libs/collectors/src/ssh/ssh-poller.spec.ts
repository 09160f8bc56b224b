import { pollHost, SshTarget } from './ssh-poller';

// Only the paths that end before any network I/O; the rest is covered against a real
// sshd in test/collectors/ssh-poller.int-spec.ts.
describe('pollHost before connecting', () => {
  const target: SshTarget = {
    host: '192.0.2.1', // TEST-NET-1: never contacted by these cases
    port: 22,
    username: 'tally',
    privateKey: 'not a key',
    expectedHostKeySha256: null,
  };

  it('reports an unusable private key as an auth failure instead of throwing', async () => {
    const r = await pollHost(target, { connectTimeoutMs: 1000, commandTimeoutMs: 1000 });
    expect(r).toMatchObject({ ok: false, stage: 'auth' });
    expect(!r.ok && r.reason).toMatch(/^private key unusable: cannot parse private key/);
    expect(r).not.toHaveProperty('fingerprint');
  });

  it('rejects options that would let a poll hang forever', async () => {
    await expect(pollHost(target, { connectTimeoutMs: 0, commandTimeoutMs: 1000 })).rejects.toThrow(
      'connectTimeoutMs must be a positive number, got 0',
    );
    await expect(pollHost(target, { connectTimeoutMs: 1000, commandTimeoutMs: NaN })).rejects.toThrow(RangeError);
  });
});
