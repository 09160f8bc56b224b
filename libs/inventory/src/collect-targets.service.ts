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

  /** How many resources of each of these types are collectable now (capacity figures). */
  async collectableCounts(types: readonly string[]): Promise<Map<string, number>> {
    const rows: { type: string; n: number }[] = await this.db.query(
      `SELECT r.type, count(*)::int AS n ${COLLECTABLE} AND r.type = ANY($1::text[]) GROUP BY r.type`,
      [types],
    );
    return new Map(rows.map((r) => [r.type, r.n]));
  }

  /** The collectable targets among these resources (any order); the others are left out. */
  async readTargets(types: readonly string[], ids: readonly string[]): Promise<CollectTarget[]> {
    if (!ids.length) return [];
    const [row]: { targets: string | null }[] = await this.db.query(
      `SELECT ${TARGETS_JSON} AS targets ${COLLECTABLE} AND r.type = ANY($1::text[]) AND r.id = ANY($2::uuid[])`,
      [types, ids],
    );
    return row.targets ? this.parse(row.targets, await this.measurementKeys(this.db.manager)) : [];
  }

  /**
   * Why each of these resources could not be collected now, by id: missing, a type nobody
   * collects (push-only), or inactive (itself, its project or its client). Collectable ones
   * are absent from the map.
   */
  async notCollectable(types: readonly string[], ids: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; type: string | null; active: boolean | null }[] = await this.db.query(
      `SELECT k.id, r.type, r.active AND p.active AND c.active AS active
         FROM unnest($1::uuid[]) AS k(id)
         LEFT JOIN resources r ON r.id = k.id LEFT JOIN projects p ON p.id = r.project_id LEFT JOIN clients c ON c.id = p.client_id`,
      [ids],
    );
    const why = new Map<string, string>();
    for (const r of rows) {
      if (r.type === null) why.set(r.id, `resource ${r.id} not found`);
      else if (!types.includes(r.type)) why.set(r.id, `resource ${r.id} is a ${r.type} resource: push-only, its samples come via POST /samples`);
      else if (!r.active) why.set(r.id, `resource ${r.id} is not collected: it, its project or its client is inactive`);
    }
    return why;
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

  /** Names, clients and whether they are active, of resources, for the events the worker records about them. */
  async owners(db: EntityManager, ids: readonly string[]): Promise<Map<string, { name: string; clientId: string; active: boolean }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string; client_id: string; active: boolean }[] = await db.query(
      `SELECT r.id, r.name, p.client_id, r.active FROM resources r JOIN projects p ON p.id = r.project_id WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, clientId: r.client_id, active: r.active }]));
  }

  /** Cluster ids by FQDN; a pre-cached FQDN without a cluster row (RAPI defaults) is absent. */
  async clusterIds(db: EntityManager, fqdns: readonly string[]): Promise<Map<string, string>> {
    if (!fqdns.length) return new Map();
    const rows: { id: string; fqdn: string }[] = await db.query(`SELECT id, fqdn FROM clusters WHERE fqdn = ANY($1::text[])`, [fqdns]);
    return new Map(rows.map((r) => [r.fqdn, r.id]));
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
