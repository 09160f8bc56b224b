import { generateKeyPairSync } from 'node:crypto';
import { ResourceEntity } from '@tally/database';
import { checkSshPrivateKey, isSshHost, labelsProblem, normaliseTlsFingerprint, HOST_KEY_SHA256 } from './inventory-rules';
import { applyResourceFields } from './resource-rules';

describe('inventory rules', () => {
  it('normalises a TLS fingerprint to lower-case hex without colons', () => {
    expect(normaliseTlsFingerprint('AB:'.repeat(31) + 'CD')).toBe('ab'.repeat(31) + 'cd');
    expect(normaliseTlsFingerprint('F'.repeat(64))).toBe('f'.repeat(64));
    expect(() => normaliseTlsFingerprint('ab:cd')).toThrow(/^tlsFingerprintSha256: /);
    expect(() => normaliseTlsFingerprint('g'.repeat(64))).toThrow(/^tlsFingerprintSha256: /);
  });

  it('accepts usable SSH private keys only, without quoting them', () => {
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { format: 'pem', type: 'pkcs1' }, publicKeyEncoding: { format: 'pem', type: 'spki' } });
    expect(() => checkSshPrivateKey(pkcs1.privateKey)).not.toThrow();
    // ssh2 cannot read PKCS#8 ed25519, so neither could the collector.
    const pkcs8 = generateKeyPairSync('ed25519', { privateKeyEncoding: { format: 'pem', type: 'pkcs8' }, publicKeyEncoding: { format: 'pem', type: 'spki' } });
    expect(() => checkSshPrivateKey(pkcs8.privateKey)).toThrow(/^secret: not a usable SSH private key/);
    expect(() => checkSshPrivateKey('ssh-rsa AAAA secret-comment')).toThrow(/^secret: /);
    const error = (() => {
      try {
        checkSshPrivateKey('-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0\n-----END OPENSSH PRIVATE KEY-----');
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(error).toMatch(/^secret: /);
    expect(error).not.toContain('c2VjcmV0');
  });

  it('checks labels and host formats', () => {
    expect(labelsProblem({ a: 'b' })).toBeUndefined();
    expect(labelsProblem(['a'])).toMatch(/object/);
    expect(labelsProblem({ a: 1 })).toMatch(/"a" must be a string/);
    expect(isSshHost('127.0.0.1')).toBe(true);
    expect(isSshHost('::1')).toBe(true);
    expect(isSshHost('node-7.example.org')).toBe(true);
    expect(isSshHost('bad host')).toBe(false);
    expect(HOST_KEY_SHA256.test('SHA256:uS0h0bVSuZyTMLAaXkVAsGO7Rhd3a0tZbd8TJ64YS+k')).toBe(true);
    expect(HOST_KEY_SHA256.test('SHA256:uS0h0bVSuZyTMLAaXkVAsGO7Rhd3a0tZbd8TJ64YS+k=')).toBe(false);
  });

  it('forgets the pinned host key when the SSH address changes, unless one is given', () => {
    const node = () => Object.assign(new ResourceEntity(), {
      id: 'r1', type: 'node', sshHost: 'a.example.org', sshPort: 22, sshUser: 'u', credentialId: 'c', hostKeySha256: 'SHA256:x',
    });
    const moved = node();
    applyResourceFields(moved, { sshHost: 'b.example.org' });
    expect(moved.hostKeySha256).toBeNull();
    const relabelled = node();
    applyResourceFields(relabelled, { labels: { a: 'b' } });
    expect(relabelled.hostKeySha256).toBe('SHA256:x');
    const push = Object.assign(new ResourceEntity(), { type: 'database' });
    expect(() => applyResourceFields(push, { sshUser: 'root' })).toThrow(/^sshUser: applies only to type node/);
  });
});
