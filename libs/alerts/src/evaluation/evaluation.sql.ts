import type { EntityManager } from 'typeorm';
import type { CounterPoint } from '../engine/levels';

/**
 * What an evaluation reads from other contexts' tables, read-only and in one statement per
 * batch: a slot of 100,000 resources cannot afford a service call per resource. Writes to
 * those tables never happen here.
 */

export interface Subject {
  id: string;
  type: string;
  projectId: string;
  clientId: string;
  name: string;
  active: boolean;
  /** What the resource is set to collect or receive: only these can be missing. */
  measurementIds: number[];
}

export async function subjectsOf(db: EntityManager, ids: readonly string[]): Promise<Subject[]> {
  const rows: { id: string; type: string; project_id: string; client_id: string; name: string; active: boolean; measurement_ids: number[] }[] = await db.query(
    `SELECT r.id, r.type, r.project_id, p.client_id, r.name, r.active, r.measurement_ids
       FROM unnest($1::uuid[]) x(id) JOIN resources r ON r.id = x.id JOIN projects p ON p.id = r.project_id`,
    [ids],
  );
  return rows.map((r) => ({
    id: r.id, type: r.type, projectId: r.project_id, clientId: r.client_id, name: r.name, active: r.active, measurementIds: r.measurement_ids.map(Number),
  }));
}

/** Gauge values at `ts` per measurement and resource, in one statement; a resource without a sample there is absent (missing, never zero). */
export async function gaugeValues(db: EntityManager, measurementIds: readonly number[], ts: Date, ids: readonly string[]): Promise<Map<number, Map<string, number>>> {
  const out = new Map<number, Map<string, number>>(measurementIds.map((m) => [m, new Map()]));
  if (!measurementIds.length || !ids.length) return out;
  const rows: { resource_id: string; measurement_id: number; value: number }[] = await db.query(
    `SELECT s.resource_id, s.measurement_id, s.value FROM unnest($3::uuid[]) r(id)
       JOIN samples s ON s.resource_id = r.id AND s.measurement_id = ANY($1::smallint[]) AND s.ts = $2`,
    [measurementIds, ts, ids],
  );
  for (const r of rows) out.get(Number(r.measurement_id))!.set(r.resource_id, r.value);
  return out;
}

/** A counter's sample at `ts` with the one before it, per resource. */
export async function counterPoints(db: EntityManager, measurementId: number, ts: Date, ids: readonly string[]) {
  const rows: { resource_id: string; value: number; boot_id: string | null; prev_value: number | null; prev_ts: Date | null; prev_boot: string | null }[] = await db.query(
    `SELECT c.resource_id, c.value, c.boot_id, p.value AS prev_value, p.ts AS prev_ts, p.boot_id AS prev_boot
       FROM unnest($3::uuid[]) r(id)
       JOIN samples c ON c.resource_id = r.id AND c.measurement_id = $1 AND c.ts = $2
       LEFT JOIN LATERAL (SELECT value, ts, boot_id FROM samples p
                           WHERE p.resource_id = c.resource_id AND p.measurement_id = c.measurement_id AND p.ts < c.ts
                           ORDER BY p.ts DESC LIMIT 1) p ON true`,
    [measurementId, ts, ids],
  );
  const out = new Map<string, { current: CounterPoint; previous?: CounterPoint }>();
  for (const r of rows) {
    out.set(r.resource_id, {
      current: { value: r.value, ts: ts.getTime(), bootId: r.boot_id },
      previous: r.prev_ts ? { value: r.prev_value!, ts: r.prev_ts.getTime(), bootId: r.prev_boot } : undefined,
    });
  }
  return out;
}
