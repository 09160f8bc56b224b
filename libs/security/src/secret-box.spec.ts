import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('round-trips a secret and never stores it in clear', () => {
    const box = new SecretBox(new Map([[1, k1]]), 1);
    const sealed = box.seal('-----BEGIN OPENSSH PRIVATE KEY-----', 'cred-1');
    expect(sealed.ciphertext.toString('utf8')).not.toContain('PRIVATE KEY');
    expect(box.open(sealed, 'cred-1')).toBe('-----BEGIN OPENSSH PRIVATE KEY-----');
  });

  it('refuses a ciphertext moved to another row', () => {
    const box = new SecretBox(new Map([[1, k1]]), 1);
    const sealed = box.seal('hunter2', 'cred-1');
    expect(() => box.open(sealed, 'cred-2')).toThrow();
  });

  it('reads old versions after rotation and seals with the new one', () => {
    const old = new SecretBox(new Map([[1, k1]]), 1).seal('pw', 'c');
    const rotated = new SecretBox(new Map([[1, k1], [2, k2]]), 2);
    expect(rotated.open(old, 'c')).toBe('pw');
    expect(rotated.seal('pw', 'c').keyVersion).toBe(2);
  });

  it('names the missing key version', () => {
    const sealed = new SecretBox(new Map([[3, k1]]), 3).seal('pw', 'c');
    expect(() => new SecretBox(new Map([[1, k1]]), 1).open(sealed, 'c')).toThrow(/version 3/);
  });
});
