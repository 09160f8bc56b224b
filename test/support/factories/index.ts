/**
 * The one set of test factories. API-level ones (tenant, inventory, report seed) go through the
 * real HTTP stack as an operator would; sql.ts inserts rows directly where a test needs
 * history the API cannot make (past timestamps, millions of rows).
 */
export * from './ids';
export * from './tenant';
export * from './inventory';
export * from './report-seed';
export * from './sql';
