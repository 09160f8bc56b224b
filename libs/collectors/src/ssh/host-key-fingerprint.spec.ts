import { utils } from 'ssh2';
import { hostKeyFingerprint, sameFingerprint } from './host-key-fingerprint';

describe('hostKeyFingerprint', () => {
  it('matches what ssh-keygen -l prints for the same key', () => {
    // A fixed key and the fingerprint `ssh-keygen -lf` printed for it.
    const pub = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test';
    const blob = (utils.parseKey(pub) as { getPublicSSH(): Buffer }).getPublicSSH();
    expect(hostKeyFingerprint(blob)).toBe('SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU');
  });

  it('compares pins ignoring padding and the prefix, and nothing else', () => {
    expect(sameFingerprint('SHA256:abc', 'SHA256:abc')).toBe(true);
    expect(sameFingerprint('abc=', 'SHA256:abc')).toBe(true);
    expect(sameFingerprint('SHA256:abd', 'SHA256:abc')).toBe(false);
    expect(sameFingerprint('SHA256:ABC', 'SHA256:abc')).toBe(false);
  });
});
