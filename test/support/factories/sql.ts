import { DataSource } from 'typeorm';
import { uniq } from './ids';

/** Rows for report tests, inserted with plain SQL under unique names so suites never collide. */
export interface SampleRow {
  ts: string;
  value: number;
  bootId?: string | null;
}

export async function insertClient(db: DataSource, name = uniq('rpt-client')): Promise<{ id: string; name: string }> {
  const [row] = await db.query(`INSERT INTO clients (name) VALUES ($1) RETURNING id, name`, [name]);
  return row;
}

export async function insertProject(db: DataSource, clientId: string, name: string): Promise<string> {
  const [row] = await db.query(`INSERT INTO projects (client_id, name) VALUES ($1, $2) RETURNING id`, [clientId, name]);
  return row.id;
}

export async function insertResource(db: DataSource, projectId: string, name: string, opts: { active?: boolean; type?: string; createdAt?: string } = {}): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO resources (project_id, name, type, active, created_at) VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, now())) RETURNING id`,
    [projectId, name, opts.type ?? 'push-test', opts.active ?? true, opts.createdAt ?? null],
  );
  return row.id;
}

/** A custom measurement with a unique key `<prefix>.<name>`. */
export async function insertMeasurement(db: DataSource, key: string, kind: 'gauge' | 'counter', unit: string): Promise<number> {
  const [row] = await db.query(
    `INSERT INTO measurements (key, kind, unit, source, description) VALUES ($1, $2, $3, 'push', 'report test') RETURNING id`,
    [key, kind, unit],
  );
  return row.id;
}

export async function assign(db: DataSource, resourceId: string, measurementId: number): Promise<void> {
  await db.query(`INSERT INTO resource_measurements (resource_id, measurement_id) VALUES ($1, $2)`, [resourceId, measurementId]);
}

export async function insertSamples(db: DataSource, resourceId: string, measurementId: number, samples: SampleRow[]): Promise<void> {
  if (!samples.length) return;
  const times = samples.map((s) => Date.parse(s.ts));
  await db.query(`SELECT tally_ensure_sample_partitions($1, $2)`, [new Date(Math.min(...times)).toISOString(), new Date(Math.max(...times)).toISOString()]);
  await db.query(
    `INSERT INTO samples (resource_id, measurement_id, ts, value, boot_id)
     SELECT $1, $2, t.ts, t.value, t.boot_id
       FROM unnest($3::timestamptz[], $4::float8[], $5::uuid[]) AS t(ts, value, boot_id)`,
    [resourceId, measurementId, samples.map((s) => s.ts), samples.map((s) => s.value), samples.map((s) => s.bootId ?? null)],
  );
}

/** All samples of one series, as the reference implementation takes them. */
export async function seriesSamples(db: DataSource, resourceId: string, measurementId: number) {
  const rows: { ts: Date; value: number; boot_id: string | null }[] = await db.query(
    `SELECT ts, value, boot_id FROM samples WHERE resource_id = $1 AND measurement_id = $2 ORDER BY ts`,
    [resourceId, measurementId],
  );
  return rows.map((r) => ({ ts: r.ts, value: r.value, bootId: r.boot_id }));
}
