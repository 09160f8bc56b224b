// `npm run key:create -- --role admin --name ops`: make a key straight in the database, for the
// first admin or when no admin key is at hand. Prints the key once.
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@tally/config';
import { ApiKeyEntity, ClientEntity, dataSourceOptions, migrateLocked, Role, ROLES } from '@tally/database';
import { EventsService } from '@tally/events';
import { ApiKeysService } from '@tally/tenancy';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';

async function main() {
  const { values } = parseArgs({
    options: { role: { type: 'string', default: 'admin' }, name: { type: 'string', default: 'created from the command line' }, client: { type: 'string' } },
  });
  if (!ROLES.includes(values.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const config = loadConfig();
  const db = new DataSource(dataSourceOptions(config));
  await db.initialize();
  try {
    if (config.database.migrateOnBoot) await migrateLocked(db);
    const service = new ApiKeysService(db.getRepository(ApiKeyEntity), db.getRepository(ClientEntity), db, new EventsService(db, { before: [] }));
    const { entity, key } = await service.create({ name: values.name!, role: values.role as Role, clientId: values.client ?? null });
    process.stderr.write(`created ${entity.role} key ${entity.id} (${entity.prefix}…); it is shown once:\n`);
    process.stdout.write(`${key}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `error: ${err?.message ?? err}`);
  process.exit(1);
});
