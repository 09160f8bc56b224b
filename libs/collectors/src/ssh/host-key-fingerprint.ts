import { createHash } from 'crypto';

/**
 * The fingerprint OpenSSH prints (`ssh-keygen -l`, "Host key fingerprint is ..."):
 * SHA-256 of the wire-format public key, base64 without padding. Using its format lets
 * an operator compare a pin with what `ssh-keyscan | ssh-keygen -lf -` shows.
 */
export function hostKeyFingerprint(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** Tolerates padding and a missing `SHA256:` prefix in a stored pin; nothing else. */
export function sameFingerprint(expected: string, seen: string): boolean {
  const norm = (f: string) => {
    const t = f.trim().replace(/=+$/, '');
    return t.startsWith('SHA256:') ? t : `SHA256:${t}`;
  };
  return norm(expected) === norm(seen);
}
