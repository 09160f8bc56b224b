import { SealedSecret, SecretBox } from '@tally/security';
import { DataSource } from 'typeorm';
import { RESEAL, TO_RESEAL } from './webhooks.sql';

/** What resealing did: ids, URLs and versions, never a secret. */
export interface WebhookResealReport {
  resealed: { id: string; url: string }[];
  unreadable: { id: string; url: string; reason: string }[];
}

interface Row {
  id: string; url: string;
  secret_ciphertext: Buffer; secret_iv: Buffer; secret_tag: Buffer; key_version: number;
  previous_secret_ciphertext: Buffer | null; previous_secret_iv: Buffer | null; previous_secret_tag: Buffer | null; previous_key_version: number | null;
}

/**
 * `npm run secrets:reseal`'s part for webhooks: moves every subscription's signing secrets (the
 * current one, and one a rotation kept) onto the active key version, so an old
 * TALLY_SECRET_KEYS entry can be removed without breaking deliveries. A row changed meanwhile
 * (a rotation) is left as that change sealed it.
 */
export async function resealWebhookSecrets(db: DataSource, box: SecretBox): Promise<WebhookResealReport> {
  const report: WebhookResealReport = { resealed: [], unreadable: [] };
  const rows: Row[] = await db.query(TO_RESEAL, [box.activeVersion]);
  for (const r of rows) {
    let current: SealedSecret;
    let previous: SealedSecret | null = null;
    try {
      current = box.seal(box.open({ ciphertext: r.secret_ciphertext, iv: r.secret_iv, tag: r.secret_tag, keyVersion: r.key_version }, r.id), r.id);
      if (r.previous_secret_ciphertext && r.previous_key_version !== null) {
        const old = { ciphertext: r.previous_secret_ciphertext, iv: r.previous_secret_iv!, tag: r.previous_secret_tag!, keyVersion: r.previous_key_version };
        previous = box.seal(box.open(old, r.id), r.id);
      }
    } catch (e) {
      report.unreadable.push({ id: r.id, url: r.url, reason: (e as Error).message });
      continue;
    }
    await db.query(RESEAL, [
      r.id, current.ciphertext, current.iv, current.tag, current.keyVersion,
      previous?.ciphertext ?? null, previous?.iv ?? null, previous?.tag ?? null, previous?.keyVersion ?? null, r.secret_iv,
    ]);
    report.resealed.push({ id: r.id, url: r.url });
  }
  return report;
}
