export * from './entities';
export * from './data-source-options';
export * from './migrate';
export * from './database.module';
export * from './pg-errors';
export * from './copy-rows';
export * from './database-health';
export * from './dedicated-connection';
