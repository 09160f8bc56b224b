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
    const qb = this.resources
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.project', 'p')
      .innerJoin('clients', 'c', 'c.id = p.client_id')
      .where('r.type = :type AND r.active AND p.active AND c.active', { type })
      .orderBy('r.id', 'ASC');
    if (ids) qb.andWhere('r.id = ANY(:ids)', { ids });
    const rows = await qb.getMany();
    if (!rows.length) return [];
    const ms: { resource_id: string; id: number; key: string }[] = await this.db.query(
      `SELECT rm.resource_id, m.id, m.key FROM resource_measurements rm JOIN measurements m ON m.id = rm.measurement_id
        WHERE rm.resource_id = ANY($1::uuid[]) ORDER BY m.id`,
      [rows.map((r) => r.id)],
    );
    const byResource = new Map<string, { id: number; key: string }[]>();
    for (const m of ms) byResource.set(m.resource_id, [...(byResource.get(m.resource_id) ?? []), { id: Number(m.id), key: m.key }]);
    return rows.map((r) => ({ resource: r, clientId: r.project!.clientId, measurements: byResource.get(r.id) ?? [] }));
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
