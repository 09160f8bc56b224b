import { createHash } from 'crypto';
import { ParsedKey, utils } from 'ssh2';

/** Enough for every credential of a large fleet; bounded so rotated keys age out. */
const MAX_ENTRIES = 2000;
const cache = new Map<string, ParsedKey>();

/**
 * Parses a private key once per (key, passphrase) and reuses it: parsing (and for an
 * encrypted key, bcrypt-pbkdf) would otherwise run on every poll of every host. The
 * cache holds decrypted keys in memory, as any process that signs with them must.
 * Throws when the key cannot be used; a ParsedKey passes straight through.
 */
export function loadPrivateKey(key: string | Buffer | ParsedKey, passphrase?: string): ParsedKey {
  if (typeof key !== 'string' && !Buffer.isBuffer(key)) return key;
  const id = createHash('sha256').update(key).update('\0').update(passphrase ?? '').digest('base64');
  const hit = cache.get(id);
  if (hit) {
    // Re-insert so Map order is least-recently-used first.
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const parsed = parsePrivateKey(key, passphrase);
  cache.set(id, parsed);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return parsed;
}

export function parsePrivateKey(key: string | Buffer, passphrase?: string): ParsedKey {
  const result: ParsedKey | ParsedKey[] | Error = utils.parseKey(key, passphrase);
  if (result instanceof Error) throw new Error(`cannot parse private key: ${result.message}`);
  // The OpenSSH container format may hold several keys; OpenSSH itself writes one.
  const parsed = Array.isArray(result) ? result[0] : result;
  if (!parsed || !parsed.isPrivateKey()) throw new Error('key is not a private key');
  return parsed;
}
