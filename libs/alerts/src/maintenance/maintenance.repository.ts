import type { EntityManager } from 'typeorm';
import type { MaintenanceWindow } from './maintenance-window';

/** The SQL of maintenance_windows and alert_resource_mutes (owned by libs/alerts). */

interface WindowRow {
  id: string; name: string; scope_type: MaintenanceWindow['scopeType']; scope_id: string | null; starts_at: Date; ends_at: Date | null;
  recurrence: MaintenanceWindow['recurrence']; weekdays: number[]; start_time: string | null; duration_minutes: number | null; time_zone: string; created_at: Date;
}

const toWindow = (r: WindowRow): MaintenanceWindow => ({
  id: r.id, name: r.name, scopeType: r.scope_type, scopeId: r.scope_id, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at ? r.ends_at.toISOString() : null,
  recurrence: r.recurrence, weekdays: r.weekdays.map(Number), startTime: r.start_time, durationMinutes: r.duration_minutes, timeZone: r.time_zone,
  createdAt: r.created_at.toISOString(),
});

export async function listWindows(db: EntityManager, page?: { limit: number; offset: number; activeAt?: Date }): Promise<{ items: MaintenanceWindow[]; total: number }> {
  // Windows that may still cover something: not ended before `activeAt` (evaluation filters the rest).
  const where = `WHERE ($1::timestamptz IS NULL OR ((ends_at IS NULL OR ends_at > $1) AND starts_at <= $1))`;
  const rows: WindowRow[] = await db.query(`SELECT * FROM maintenance_windows ${where} ORDER BY starts_at, id LIMIT $2 OFFSET $3`,
    [page?.activeAt ?? null, page?.limit ?? null, page?.offset ?? 0]);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM maintenance_windows ${where}`, [page?.activeAt ?? null]);
  return { items: rows.map(toWindow), total: n };
}

export async function findWindow(db: EntityManager, id: string): Promise<MaintenanceWindow | undefined> {
  const rows: WindowRow[] = await db.query(`SELECT * FROM maintenance_windows WHERE id = $1`, [id]);
  return rows[0] && toWindow(rows[0]);
}

type Stored = Omit<MaintenanceWindow, 'id' | 'createdAt'>;
const COLUMNS = ['name', 'scope_type', 'scope_id', 'starts_at', 'ends_at', 'recurrence', 'weekdays', 'start_time', 'duration_minutes', 'time_zone'];
const values = (w: Stored) => [w.name, w.scopeType, w.scopeId, w.startsAt, w.endsAt, w.recurrence, w.weekdays, w.startTime, w.durationMinutes, w.timeZone];

export async function insertWindow(tx: EntityManager, w: Stored): Promise<string> {
  const [row] = await tx.query(`INSERT INTO maintenance_windows (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`, values(w));
  return row.id;
}

export async function updateWindow(tx: EntityManager, id: string, w: Stored): Promise<void> {
  await tx.query(`UPDATE maintenance_windows SET ${COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...values(w)]);
}

export async function deleteWindow(tx: EntityManager, id: string): Promise<void> {
  await tx.query(`DELETE FROM maintenance_windows WHERE id = $1`, [id]);
}

export async function mutedResources(db: EntityManager, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows: { resource_id: string }[] = await db.query(`SELECT resource_id FROM alert_resource_mutes WHERE resource_id = ANY($1::uuid[])`, [ids]);
  return new Set(rows.map((r) => r.resource_id));
}

export async function findMute(db: EntityManager, resourceId: string): Promise<{ reason: string; since: string } | undefined> {
  const rows: { reason: string; created_at: Date }[] = await db.query(`SELECT reason, created_at FROM alert_resource_mutes WHERE resource_id = $1`, [resourceId]);
  return rows[0] && { reason: rows[0].reason, since: rows[0].created_at.toISOString() };
}

/** Returns whether anything changed. */
export async function setMute(tx: EntityManager, resourceId: string, muted: boolean, reason: string): Promise<boolean> {
  if (muted) {
    const rows: unknown[] = await tx.query(`INSERT INTO alert_resource_mutes (resource_id, reason) VALUES ($1, $2) ON CONFLICT (resource_id) DO NOTHING RETURNING resource_id`, [resourceId, reason]);
    return rows.length > 0;
  }
  // TypeORM answers a DELETE with [rows, rowCount].
  const [, count]: [unknown[], number] = await tx.query(`DELETE FROM alert_resource_mutes WHERE resource_id = $1`, [resourceId]);
  return count > 0;
}
