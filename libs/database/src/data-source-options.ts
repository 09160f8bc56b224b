import { AppConfig } from '@tally/config';
import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';

export function dataSourceOptions(config: AppConfig, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  const { url, readUrl } = config.database;
  return {
    type: 'postgres',
    // With a replica, everything still reads and writes the primary unless it asks for the
    // replica by name (createQueryRunner('slave')): only reads that tolerate lag go there.
    ...(readUrl ? { replication: { master: { url }, slaves: [{ url: readUrl }], defaultMode: 'master' } } : { url }),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: config.database.poolSize,
    // Timestamps leave Postgres as UTC instants whatever the server's TimeZone is.
    extra: { options: '-c TimeZone=UTC', connectionTimeoutMillis: 5000, application_name: 'tally' },
    ...overrides,
  } as DataSourceOptions;
}
