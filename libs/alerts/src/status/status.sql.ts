import type { EntityManager } from 'typeorm';

/** Read-only queries over other contexts' tables for the operators' status page. */

export interface HostRow {
  id: string; name: string; type: string; project_id: string; client_id: string; client_name: string;
  up_value: number | null; up_ts: Date | null; flapping: boolean;
}

/** Active nodes, and any resource with an open incident, with their latest node.up. */
export async function hostRows(db: EntityManager, limit: number): Promise<HostRow[]> {
  return db.query(
    `WITH up AS (SELECT id FROM measurements WHERE key = 'node.up')
     SELECT r.id, r.name, r.type, r.project_id, p.client_id, c.name AS client_name, s.value AS up_value, s.ts AS up_ts,
            EXISTS (SELECT 1 FROM alert_series a WHERE a.subject_id = r.id AND a.flapping) AS flapping
       FROM resources r JOIN projects p ON p.id = r.project_id JOIN clients c ON c.id = p.client_id
       LEFT JOIN LATERAL (SELECT value, ts FROM samples x WHERE x.resource_id = r.id AND x.measurement_id = (SELECT id FROM up)
                           ORDER BY ts DESC LIMIT 1) s ON true
      WHERE r.active AND (r.type = 'node' OR r.id IN (SELECT subject_id FROM alert_incidents WHERE status = 'open'))
      ORDER BY r.name, r.id LIMIT $1`,
    [limit],
  );
}

export interface ClusterRow {
  id: string; fqdn: string; at: Date | null; ok: boolean | null; reason: string | null;
}

/** Active Ganeti clusters with their latest pre-cache outcome. */
export async function clusterRows(db: EntityManager): Promise<ClusterRow[]> {
  return db.query(
    `SELECT k.id, k.fqdn, o.at, o.ok, o.reason FROM clusters k
       LEFT JOIN LATERAL (SELECT at, ok, reason FROM collection_run_outcomes WHERE target = k.fqdn ORDER BY at DESC LIMIT 1) o ON true
      WHERE k.active ORDER BY k.fqdn`,
  );
}
