import { AppConfig } from '@tally/config';
import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';

export function dataSourceOptions(config: AppConfig, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.database.url,
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
