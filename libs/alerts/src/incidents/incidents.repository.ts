import type { EntityManager } from 'typeorm';
import type { Incident } from './incident';

/** The SQL of alert_incidents (owned by libs/alerts). */

const SELECT = `
  SELECT i.*, r.name AS rule_name, m.key AS measurement,
         CASE i.subject_type WHEN 'resource' THEN (SELECT name FROM resources WHERE id = i.subject_id)
                             ELSE (SELECT name FROM clients WHERE id = i.subject_id) END AS subject_name
    FROM alert_incidents i JOIN alert_rules r ON r.id = i.rule_id JOIN measurements m ON m.id = r.measurement_id`;

interface IncidentRow {
  id: string; rule_id: string; rule_name: string; measurement: string; subject_type: Incident['subjectType']; subject_id: string; subject_name: string | null;
  client_id: string | null; severity: Incident['severity']; status: Incident['status']; value: number | null; opened_at: Date; escalated_at: Date | null;
  recovered_at: Date | null; acknowledged_at: Date | null; acknowledged_by: string | null; notifications: number; last_notified_at: Date | null;
  suppressed: string | null; flapping: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toIncident = (r: IncidentRow): Incident => ({
  id: Number(r.id), ruleId: r.rule_id, ruleName: r.rule_name, measurement: r.measurement, subjectType: r.subject_type, subjectId: r.subject_id,
  subjectName: r.subject_name, clientId: r.client_id, severity: r.severity, status: r.status, value: r.value, openedAt: r.opened_at.toISOString(),
  escalatedAt: iso(r.escalated_at), recoveredAt: iso(r.recovered_at), acknowledgedAt: iso(r.acknowledged_at), acknowledgedBy: r.acknowledged_by,
  notifications: r.notifications, lastNotifiedAt: iso(r.last_notified_at), suppressed: r.suppressed, flapping: r.flapping,
});

export interface IncidentQuery {
  tenant?: string;
  status?: 'open' | 'recovered';
  ruleId?: string;
  subjectId?: string;
  limit: number;
  offset: number;
}

export async function listIncidents(db: EntityManager, q: IncidentQuery): Promise<{ items: Incident[]; total: number }> {
  const where = `WHERE ($1::uuid IS NULL OR i.client_id = $1) AND ($2::text IS NULL OR i.status = $2) AND ($3::uuid IS NULL OR i.rule_id = $3) AND ($4::uuid IS NULL OR i.subject_id = $4)`;
  const params = [q.tenant ?? null, q.status ?? null, q.ruleId ?? null, q.subjectId ?? null];
  const rows: IncidentRow[] = await db.query(`${SELECT} ${where} ORDER BY i.id DESC LIMIT $5 OFFSET $6`, [...params, q.limit, q.offset]);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM alert_incidents i ${where}`, params);
  return { items: rows.map(toIncident), total: n };
}

export async function findIncident(db: EntityManager, id: number, tenant?: string, lock = false): Promise<Incident | undefined> {
  const rows: IncidentRow[] = await db.query(`${SELECT} WHERE i.id = $1 AND ($2::uuid IS NULL OR i.client_id = $2)${lock ? ' FOR UPDATE OF i' : ''}`, [id, tenant ?? null]);
  return rows[0] && toIncident(rows[0]);
}

/**
 * The open incidents of some series, by `ruleId:subjectId`, for evaluation: without the joined
 * names (thousands of open incidents are read every slot), which the caller knows already.
 */
export async function openIncidents(
  db: EntityManager, series: readonly { ruleId: string; subjectId: string }[], names: (ruleId: string, subjectId: string) => Pick<Incident, 'ruleName' | 'measurement' | 'subjectName'>,
): Promise<Map<string, Incident>> {
  if (!series.length) return new Map();
  const rows: IncidentRow[] = await db.query(
    `SELECT i.* FROM unnest($1::uuid[], $2::uuid[]) w(rule_id, subject_id)
       JOIN alert_incidents i ON i.rule_id = w.rule_id AND i.subject_id = w.subject_id AND i.status = 'open'`,
    [series.map((s) => s.ruleId), series.map((s) => s.subjectId)],
  );
  return new Map(rows.map((r) => [`${r.rule_id}:${r.subject_id}`, toIncident({ ...r, ...snake(names(r.rule_id, r.subject_id)) })]));
}

const snake = (n: Pick<Incident, 'ruleName' | 'measurement' | 'subjectName'>) => ({ rule_name: n.ruleName, measurement: n.measurement, subject_name: n.subjectName });

/** Open incidents of some subjects (any rule), for the status page. */
export async function openIncidentsOf(db: EntityManager, subjectIds: readonly string[]): Promise<Incident[]> {
  if (!subjectIds.length) return [];
  const rows: IncidentRow[] = await db.query(`${SELECT} WHERE i.subject_id = ANY($1::uuid[]) AND i.status = 'open' ORDER BY i.id`, [subjectIds]);
  return rows.map(toIncident);
}

export async function insertIncident(tx: EntityManager, i: Omit<Incident, 'id' | 'ruleName' | 'measurement' | 'subjectName'>): Promise<number> {
  const [row] = await tx.query(
    `INSERT INTO alert_incidents (rule_id, subject_type, subject_id, client_id, severity, status, value, opened_at, notifications, flapping)
     VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, 0, $8) RETURNING id`,
    [i.ruleId, i.subjectType, i.subjectId, i.clientId, i.severity, i.value, i.openedAt, i.flapping],
  );
  return Number(row.id);
}

/** Writes back what evaluation and notification change on an incident. */
export async function saveIncident(tx: EntityManager, i: Incident): Promise<void> {
  await tx.query(
    `UPDATE alert_incidents SET severity = $2, status = $3, value = $4, escalated_at = $5, recovered_at = $6, acknowledged_at = $7, acknowledged_by = $8,
       notifications = $9, last_notified_at = $10, suppressed = $11, flapping = $12 WHERE id = $1`,
    [i.id, i.severity, i.status, i.value, i.escalatedAt, i.recoveredAt, i.acknowledgedAt, i.acknowledgedBy, i.notifications, i.lastNotifiedAt, i.suppressed, i.flapping],
  );
}
