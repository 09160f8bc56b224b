import type { EntityManager } from 'typeorm';
import type { AlertRule } from './rule';

/** The SQL of alert_rules (owned by libs/alerts). */

const SELECT = `
  SELECT r.id, r.name, r.kind, m.key AS measurement, r.measurement_id, m.kind AS measurement_kind, r.scope_type, r.scope_id, r.client_id,
         r.comparison, r.warn, r.crit, r.for_evaluations, r.nodata_after, r.time_zone, r.max_notifications, r.renotify_minutes,
         r.notifications_enabled, r.enabled, r.created_at, r.updated_at
    FROM alert_rules r JOIN measurements m ON m.id = r.measurement_id`;

interface RuleRow {
  id: string; name: string; kind: AlertRule['kind']; measurement: string; measurement_id: number; measurement_kind: string;
  scope_type: AlertRule['scopeType']; scope_id: string | null; client_id: string | null; comparison: AlertRule['comparison'];
  warn: number | null; crit: number | null; for_evaluations: number; nodata_after: number; time_zone: string;
  max_notifications: number; renotify_minutes: number; notifications_enabled: boolean; enabled: boolean; created_at: Date; updated_at: Date;
}

const toRule = (r: RuleRow): AlertRule => ({
  id: r.id, name: r.name, kind: r.kind, measurement: r.measurement, measurementId: Number(r.measurement_id), measurementKind: r.measurement_kind,
  scopeType: r.scope_type, scopeId: r.scope_id, clientId: r.client_id, comparison: r.comparison, warn: r.warn, crit: r.crit,
  forEvaluations: r.for_evaluations, nodataAfter: r.nodata_after, timeZone: r.time_zone, maxNotifications: r.max_notifications,
  renotifyMinutes: r.renotify_minutes, notificationsEnabled: r.notifications_enabled, enabled: r.enabled,
  createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
});

export async function listRules(db: EntityManager, q: { tenant?: string; limit: number; offset: number }): Promise<{ items: AlertRule[]; total: number }> {
  const where = q.tenant ? 'WHERE r.client_id = $1' : 'WHERE $1::uuid IS NULL';
  const rows: RuleRow[] = await db.query(`${SELECT} ${where} ORDER BY r.name, r.id LIMIT $2 OFFSET $3`, [q.tenant ?? null, q.limit, q.offset]);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM alert_rules r ${where}`, [q.tenant ?? null]);
  return { items: rows.map(toRule), total: n };
}

export async function findRule(db: EntityManager, id: string, tenant?: string): Promise<AlertRule | undefined> {
  const rows: RuleRow[] = await db.query(`${SELECT} WHERE r.id = $1 AND ($2::uuid IS NULL OR r.client_id = $2)`, [id, tenant ?? null]);
  return rows[0] && toRule(rows[0]);
}

/** The enabled rules, for one evaluation. */
export async function enabledRules(db: EntityManager): Promise<AlertRule[]> {
  const rows: RuleRow[] = await db.query(`${SELECT} WHERE r.enabled ORDER BY r.id`);
  return rows.map(toRule);
}

type Stored = Omit<AlertRule, 'id' | 'measurement' | 'measurementKind' | 'createdAt' | 'updatedAt'>;
const COLUMNS = ['name', 'kind', 'measurement_id', 'scope_type', 'scope_id', 'client_id', 'comparison', 'warn', 'crit', 'for_evaluations',
  'nodata_after', 'time_zone', 'max_notifications', 'renotify_minutes', 'notifications_enabled', 'enabled'];
const values = (r: Stored) => [r.name, r.kind, r.measurementId, r.scopeType, r.scopeId, r.clientId, r.comparison, r.warn, r.crit, r.forEvaluations,
  r.nodataAfter, r.timeZone, r.maxNotifications, r.renotifyMinutes, r.notificationsEnabled, r.enabled];

export async function insertRule(tx: EntityManager, r: Stored): Promise<string> {
  const [row] = await tx.query(`INSERT INTO alert_rules (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`, values(r));
  return row.id;
}

export async function updateRule(tx: EntityManager, id: string, r: Stored): Promise<void> {
  await tx.query(`UPDATE alert_rules SET ${COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [id, ...values(r)]);
}

export async function deleteRule(tx: EntityManager, id: string): Promise<void> {
  await tx.query(`DELETE FROM alert_rules WHERE id = $1`, [id]);
}
