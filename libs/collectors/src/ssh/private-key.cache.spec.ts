import { utils } from 'ssh2';
import { loadPrivateKey, parsePrivateKey } from './private-key.cache';

// ssh2's generator drops a leading zero byte of the public key about once in 200 keys,
// and then cannot parse its own output; retry so the test checks the cache, not that bug.
function keyPair(opts?: { passphrase: string; cipher: string; rounds: number }) {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519', opts);
    if (!(utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}

describe('loadPrivateKey', () => {
  const pair = keyPair();

  it('parses a key once and hands back the same object afterwards', () => {
    const first = loadPrivateKey(pair.private);
    expect(first.type).toBe('ssh-ed25519');
    expect(loadPrivateKey(pair.private)).toBe(first);
    expect(loadPrivateKey(Buffer.from(pair.private))).toBe(first);
    expect(loadPrivateKey(first)).toBe(first);
  });

  it('decrypts a passphrase-protected key and refuses a wrong passphrase', () => {
    const enc = keyPair({ passphrase: 'secret', cipher: 'aes256-ctr', rounds: 2 });
    expect(loadPrivateKey(enc.private, 'secret').isPrivateKey()).toBe(true);
    expect(() => loadPrivateKey(enc.private, 'wrong')).toThrow(/cannot parse private key/);
  });

  it('refuses a public key or garbage as a credential', () => {
    expect(() => parsePrivateKey(pair.public)).toThrow('key is not a private key');
    expect(() => parsePrivateKey('hello')).toThrow(/cannot parse private key/);
  });
});
