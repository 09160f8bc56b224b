import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SealedSecret {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  keyVersion: number;
}

/**
 * AES-256-GCM with versioned keys: new secrets use the active version, old ones stay
 * readable as long as their key version is still configured (rotation without downtime).
 */
export class SecretBox {
  constructor(
    private readonly keys: ReadonlyMap<number, Buffer>,
    readonly activeVersion: number,
  ) {}

  get canSeal(): boolean {
    return this.keys.has(this.activeVersion);
  }

  seal(plaintext: string, aad: string): SealedSecret {
    const key = this.keys.get(this.activeVersion);
    if (!key) throw new Error('no credential encryption key is configured (TALLY_SECRET_KEYS)');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The AAD binds a ciphertext to its row, so one credential's secret cannot be swapped into another.
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag(), keyVersion: this.activeVersion };
  }

  open(sealed: SealedSecret, aad: string): string {
    const key = this.keys.get(sealed.keyVersion);
    if (!key) throw new Error(`credential key version ${sealed.keyVersion} is not configured (TALLY_SECRET_KEYS)`);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  }
}
