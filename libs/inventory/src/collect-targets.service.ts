import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { ResourceEntity } from '@tally/database';
import { DataSource, Repository } from 'typeorm';

/** One resource the worker polls, with the catalog ids it writes samples under. */
export interface CollectTarget {
  resource: ResourceEntity;
  clientId: string;
  measurements: { id: number; key: string }[];
}

interface CollectRow {
  id: string;
  project_id: string;
  name: string;
  type: string;
  cluster_fqdn: string | null;
  ssh_host: string | null;
  ssh_port: number | null;
  ssh_user: string | null;
  credential_id: string | null;
  host_key_sha256: string | null;
  client_id: string;
  measurements: { id: number; key: string }[];
}

export type HostKeyCheck = 'pinned' | 'match' | 'mismatch';

/**
 * The worker's read of the inventory. A resource is collected while it, its project and its
 * client are all active: deactivating any of them stops collection without touching history.
 */
@Injectable()
export class CollectTargetsService {
  constructor(
    @InjectRepository(ResourceEntity) private readonly resources: Repository<ResourceEntity>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async collectable(type: 'ganeti-vm' | 'node', ids?: string[]): Promise<CollectTarget[]> {
    // One query, no entity hydration: a fan-out reads every collectable resource each slot.
    const rows: CollectRow[] = await this.db.query(
      `SELECT r.id, r.project_id, r.name, r.type, r.cluster_fqdn, r.ssh_host, r.ssh_port, r.ssh_user, r.credential_id,
              r.host_key_sha256, p.client_id,
              coalesce((SELECT json_agg(json_build_object('id', m.id, 'key', m.key) ORDER BY m.id)
                          FROM resource_measurements rm JOIN measurements m ON m.id = rm.measurement_id
                         WHERE rm.resource_id = r.id), '[]') AS measurements
         FROM resources r JOIN projects p ON p.id = r.project_id JOIN clients c ON c.id = p.client_id
        WHERE r.type = $1 AND r.active AND p.active AND c.active AND ($2::uuid[] IS NULL OR r.id = ANY($2::uuid[]))
        ORDER BY r.id`,
      [type, ids ?? null],
    );
    return rows.map((row) => ({
      resource: this.resources.create({
        id: row.id, projectId: row.project_id, name: row.name, type: row.type, clusterFqdn: row.cluster_fqdn, sshHost: row.ssh_host,
        sshPort: row.ssh_port, sshUser: row.ssh_user, credentialId: row.credential_id, hostKeySha256: row.host_key_sha256, active: true,
      }),
      clientId: row.client_id,
      measurements: row.measurements,
    }));
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
