import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * One resource the worker polls, with the catalog ids it writes samples under. Plain data:
 * it is copied into job payloads when a slot fans out, so a poll needs no Postgres.
 */
export interface CollectTarget {
  resourceId: string;
  type: string;
  name: string;
  clusterFqdn: string | null;
  ssh: { host: string; port: number; user: string; credentialId: string | null; hostKeySha256: string | null } | null;
  measurements: { id: number; key: string }[];
}

/** id, name, cluster, ssh host, port, user, credential, host key, measurement ids */
type TargetTuple = [string, string, string | null, string | null, number | null, string | null, string | null, string | null, number[] | null];

export type HostKeyCheck = 'pinned' | 'match' | 'mismatch';

/**
 * The worker's read of the inventory. A resource is collected while it, its project and its
 * client are all active: deactivating any of them stops collection without touching history.
 */
@Injectable()
export class CollectTargetsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async collectable(type: 'ganeti-vm' | 'node', ids?: string[]): Promise<CollectTarget[]> {
    // A fan-out reads every collectable resource each slot (100,000 and more): one row per
    // cluster carrying its resources as one JSON text, which the driver hands over unparsed
    // and JSON.parse reads at native speed, instead of a row and its columns per resource.
    const rows: { targets: string }[] = await this.db.query(
      `WITH rm AS (SELECT x.resource_id, array_agg(x.measurement_id ORDER BY x.measurement_id) AS ids
                    FROM resource_measurements x JOIN resources r ON r.id = x.resource_id WHERE r.type = $1 GROUP BY 1)
       SELECT json_agg(json_build_array(r.id, r.name, r.cluster_fqdn, r.ssh_host, r.ssh_port, r.ssh_user, r.credential_id,
                                        r.host_key_sha256, rm.ids) ORDER BY r.id)::text AS targets
         FROM resources r JOIN projects p ON p.id = r.project_id JOIN clients c ON c.id = p.client_id
         LEFT JOIN rm ON rm.resource_id = r.id
        WHERE r.type = $1 AND r.active AND p.active AND c.active AND ($2::uuid[] IS NULL OR r.id = ANY($2::uuid[]))
        GROUP BY r.cluster_fqdn ORDER BY r.cluster_fqdn NULLS FIRST`,
      [type, ids ?? null],
    );
    const keys = new Map<number, string>(
      (await this.db.query(`SELECT id, key FROM measurements`)).map((m: { id: number; key: string }) => [m.id, m.key]),
    );
    return rows.flatMap((row) =>
      (JSON.parse(row.targets) as TargetTuple[]).map(([id, name, clusterFqdn, host, port, user, credentialId, hostKeySha256, measurementIds]) => ({
        resourceId: id,
        type,
        name,
        clusterFqdn,
        ssh: host && user ? { host, port: port ?? 22, user, credentialId, hostKeySha256 } : null,
        measurements: (measurementIds ?? []).map((m) => ({ id: m, key: keys.get(m)! })),
      })),
    );
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
