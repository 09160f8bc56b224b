import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'tally_';
/** What generateApiKey() makes: the prefix and 32 bytes in unpadded base64url (43 characters). */
const KEY_SHAPE = /^tally_[A-Za-z0-9_-]{43}$/;

/** A new API key: 256 random bits, url-safe, recognisable by its prefix in logs and scanners. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Keys are high-entropy random strings, so a plain SHA-256 is a sound at-rest hash. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What is stored and shown to tell keys apart: "tally_AbCd…". */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}

/** False for anything generateApiKey() cannot have made, so it can be refused without a lookup. */
export function isApiKeyShaped(token: string): boolean {
  return KEY_SHAPE.test(token);
}
