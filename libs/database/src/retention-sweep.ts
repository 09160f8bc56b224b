import { DedicatedConnection } from './dedicated-connection';

/** Rows deleted per statement: short statements, so a sweep never holds locks for long. */
const CHUNK = 10_000;

/**
 * Deletes what `sql` ($1 days, $2 limit) selects, a chunk at a time, until nothing is left.
 * Returns how many rows went. Every worker may sweep: the deletes are idempotent.
 */
export async function sweep(conn: DedicatedConnection, sql: string, days: number): Promise<number> {
  let total = 0;
  for (;;) {
    const [{ n }] = await conn.query<{ n: number }>(`WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`, [days, CHUNK]);
    total += n;
    if (n < CHUNK) return total;
  }
}
