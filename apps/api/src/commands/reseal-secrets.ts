// `npm run secrets:reseal`: after adding a key to TALLY_SECRET_KEYS (docs/configuration.md,
// "Rotating the encryption key"), re-encrypts every stored secret with the active key version,
// so the old key can be removed. Prints names and versions, never a secret. Exit 1 when a
// secret could not be moved (its key version is no longer configured).
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@tally/config';
import { CredentialEntity, dataSourceOptions, migrateLocked } from '@tally/database';
import { EventsService } from '@tally/events';
import { CredentialsService } from '@tally/inventory';
import { SecretBox } from '@tally/security';
import { resealWebhookSecrets } from '@tally/webhooks';
import { DataSource } from 'typeorm';

async function main(): Promise<number> {
  const config = loadConfig();
  const db = new DataSource(dataSourceOptions(config));
  await db.initialize();
  try {
    if (config.database.migrateOnBoot) await migrateLocked(db);
    const report = await new CredentialsService(db.getRepository(CredentialEntity), db, config, new EventsService(db, { before: [] })).resealAll();
    for (const r of report.resealed) process.stdout.write(`resealed  ${r.name} (${r.id}): key version ${r.fromVersion} → ${report.activeVersion}\n`);
    for (const u of report.unreadable) process.stdout.write(`UNREADABLE ${u.name} (${u.id}): ${u.reason}\n`);
    process.stdout.write(
      `${report.resealed.length} resealed, ${report.current} already on key version ${report.activeVersion}, ${report.unreadable.length} unreadable\n`,
    );
    // Webhook signing secrets are sealed with the same keys.
    const hooks = await resealWebhookSecrets(db, new SecretBox(config.secrets.keys, config.secrets.activeVersion));
    for (const r of hooks.resealed) process.stdout.write(`resealed  webhook ${r.id} (${r.url})\n`);
    for (const u of hooks.unreadable) process.stdout.write(`UNREADABLE webhook ${u.id} (${u.url}): ${u.reason}\n`);
    process.stdout.write(`webhooks: ${hooks.resealed.length} resealed, ${hooks.unreadable.length} unreadable\n`);
    if (report.unreadable.length) {
      process.stderr.write('put the missing key versions back into TALLY_SECRET_KEYS, or replace those secrets (PATCH /api/v1/credentials/{id})\n');
    }
    if (hooks.unreadable.length) {
      process.stderr.write('put the missing key versions back into TALLY_SECRET_KEYS, or rotate those webhooks\' secrets with no overlap (POST /api/v1/webhooks/{id}/rotate-secret, overlapSeconds 0)\n');
    }
    return report.unreadable.length || hooks.unreadable.length ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : `error: ${err?.message ?? err}`);
    process.exit(1);
  },
);
