import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PageRequest } from '@tally/tenancy';
import { DataSource } from 'typeorm';
import { GanetiInstance } from './ganeti';
import { GanetiCacheStore } from './ganeti-cache.store';

export interface UnassignedInstances {
  cluster: string;
  /** When the cached answer was fetched; null when the cluster has never been fetched. */
  fetchedAt: string | null;
  items: GanetiInstance[];
  total: number;
}

/**
 * Instances a cluster reports that no resource claims (a ganeti-vm resource, active or not,
 * with that name and cluster): what is running but not billed.
 */
@Injectable()
export class UnassignedInstancesService {
  constructor(
    private readonly cache: GanetiCacheStore,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async list(fqdn: string, page: PageRequest): Promise<UnassignedInstances> {
    const entry = await this.cache.get(fqdn);
    if (!entry) return { cluster: fqdn, fetchedAt: null, items: [], total: 0 };
    const claimed: { name: string }[] = await this.db.query(
      `SELECT name FROM resources WHERE type = 'ganeti-vm' AND cluster_fqdn = $1 AND name = ANY($2::text[])`,
      [fqdn, entry.instances.map((i) => i.name)],
    );
    const taken = new Set(claimed.map((r) => r.name));
    const free = entry.instances.filter((i) => !taken.has(i.name)).sort((a, b) => a.name.localeCompare(b.name));
    return { cluster: fqdn, fetchedAt: entry.fetchedAt, items: free.slice(page.offset, page.offset + page.limit), total: free.length };
  }
}
