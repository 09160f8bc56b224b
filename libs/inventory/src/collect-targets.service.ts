import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CollectTargetSnapshot } from '@tally/jobs';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One resource the worker polls, with the catalog ids it writes samples under: exactly what
 * a collection job carries (the job payload type is the one definition), so a poll needs no
 * Postgres.
 */
export type CollectTarget = CollectTargetSnapshot;

/**
 * id, type, name, cluster, ssh host, port, user, credential, host key, measurement ids
 * (resources.measurement_ids, kept by triggers from resource_measurements)
 */
type TargetTuple = [string, string, string, string | null, string | null, number | null, string | null, string | null, string | null, number[] | null];

/** A resource is collected while it, its project and its client are all active. */
const COLLECTABLE = `FROM resources r JOIN projects p ON p.id = r.project_id JOIN clients c ON c.id = p.client_id
  WHERE r.active AND p.active AND c.active`;
/**
 * Targets as one JSON text (a TargetTuple per resource), which the driver hands over unparsed
 * and JSON.parse reads at native speed, instead of a row and its columns per resource.
 */
const TARGETS_JSON = `json_agg(json_build_array(r.id, r.type, r.name, r.cluster_fqdn, r.ssh_host, r.ssh_port, r.ssh_user, r.credential_id,
  r.host_key_sha256, r.measurement_ids) ORDER BY r.id)::text`;
/** Clusters per cursor FETCH: small, so the first polls start early. */
const GROUPS_PER_FETCH = 4;

export type HostKeyCheck = 'pinned' | 'match' | 'mismatch';

/**
 * The worker's read of the inventory. A resource is collected while it, its project and its
 * client are all active: deactivating any of them stops collection without touching history.
 */
@Injectable()
export class CollectTargetsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every collectable target of these types, read in one snapshot: first how many there are
   * together with `known` (ids that already have an outcome: a run's total), then their
   * details a cluster at a time through a cursor (nodes: one group), so the caller enqueues
   * the first clusters' work while the rest is still being read. The snapshot makes the
   * groups add up to the count even while the inventory changes.
   */
  async readCollectable(
    types: readonly string[],
    known: ReadonlySet<string>,
    onTotal: (total: number) => Promise<void>,
    onGroup: (targets: CollectTarget[]) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction('REPEATABLE READ', async (tx) => {
      // Read only; and no JIT, whose compile time (0.1 s here) buys nothing on these plans.
      await tx.query('SET TRANSACTION READ ONLY');
      await tx.query('SET LOCAL jit = off');
      const [{ total }]: { total: number }[] = await tx.query(
        `SELECT (SELECT count(*) ${COLLECTABLE} AND r.type = ANY($1::text[]))::int
              + (SELECT count(*) FROM unnest($2::uuid[]) AS k(id)
                  WHERE NOT EXISTS (SELECT 1 ${COLLECTABLE} AND r.type = ANY($1::text[]) AND r.id = k.id))::int AS total`,
        [types, [...known]],
      );
      await onTotal(total);
      const keys = await this.measurementKeys(tx);
      const quoted = types.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ');
      await tx.query(
        `DECLARE collectable NO SCROLL CURSOR FOR
         SELECT ${TARGETS_JSON} AS targets ${COLLECTABLE} AND r.type IN (${quoted})
          GROUP BY r.cluster_fqdn, r.type ORDER BY r.cluster_fqdn, r.type`,
      );
      // The next clusters are fetched while the caller handles these.
      const fetch = (): Promise<{ targets: string }[]> => tx.query(`FETCH ${GROUPS_PER_FETCH} FROM collectable`);
      let next = fetch();
      try {
        for (let rows = await next; rows.length; rows = await next) {
          next = fetch();
          await Promise.all(rows.map((row) => onGroup(this.parse(row.targets, keys))));
        }
      } finally {
        await next.catch(() => undefined); // settled before the transaction ends, whatever happened
      }
    });
  }

  private parse(json: string, keys: Map<number, string>): CollectTarget[] {
    return (JSON.parse(json) as TargetTuple[]).map(([id, type, name, clusterFqdn, host, port, user, credentialId, hostKeySha256, measurementIds]) => ({
      resourceId: id,
      type,
      name,
      clusterFqdn,
      ssh: host && user ? { host, port: port ?? 22, user, credentialId, hostKeySha256 } : null,
      measurements: Object.fromEntries((measurementIds ?? []).map((m) => [keys.get(m)!, m])),
    }));
  }

  private async measurementKeys(db: EntityManager): Promise<Map<number, string>> {
    const rows: { id: number; key: string }[] = await db.query(`SELECT id, key FROM measurements`);
    return new Map(rows.map((m) => [m.id, m.key]));
  }

  /** Distinct cluster FQDNs the pre-cache must fetch: those of collectable ganeti-vm resources. */
  async clusterFqdns(): Promise<string[]> {
    const rows: { fqdn: string }[] = await this.db.query(
      `SELECT DISTINCT r.cluster_fqdn AS fqdn FROM resources r JOIN projects p ON p.id = r.project_id JOIN clients c ON c.id = p.client_id
        WHERE r.type = 'ganeti-vm' AND r.active AND p.active AND c.active AND r.cluster_fqdn IS NOT NULL ORDER BY 1`,
    );
    return rows.map((r) => r.fqdn);
  }

  /**
   * Trust on first use: records the host key when none is pinned, else compares. The conditional
   * UPDATE makes two concurrent first contacts agree on one key.
   */
  async pinHostKey(resourceId: string, hostKeySha256: string): Promise<HostKeyCheck> {
    const [, affected] = await this.db.query(
      `UPDATE resources SET host_key_sha256 = $2 WHERE id = $1 AND host_key_sha256 IS NULL`,
      [resourceId, hostKeySha256],
    );
    if (affected) return 'pinned';
    const [row] = await this.db.query(`SELECT host_key_sha256 FROM resources WHERE id = $1`, [resourceId]);
    return row?.host_key_sha256 === hostKeySha256 ? 'match' : 'mismatch';
  }
}
