import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { CollectTargetsService } from '@tally/inventory';
import { DataSource } from 'typeorm';
import { CapacityLimit, CapacityLimitName, CapacityObserved, CapacitySettings, DurationStats, projectCapacity } from './capacity';
import { OUTCOME_DURATIONS_SQL, RUN_DURATIONS_SQL } from './capacity.sql';

/** Runs of each kind the figures are taken from: a few hours at the default interval, enough for a p95. */
const RECENT_RUNS = 12;

export interface CapacityReport {
  settings: CapacitySettings;
  recentRuns: number;
  sources: { source: 'ssh' | 'ganeti'; resourceType: string; hosts: number; clusters?: number; timePerHostMs: DurationStats | null; timePerClusterMs?: DurationStats | null }[];
  slotDurationMs: (DurationStats & { max: number }) | null;
  limits: CapacityLimit[];
  binding: CapacityLimitName | null;
}

type StatsRow = { count: number; p50: number | null; p95: number | null; mean: number | null; max?: number | null };

/**
 * How many hosts the worker can take (GET /api/v1/collections/capacity): what there is to
 * collect, what recent runs cost, and the projection of capacity.ts. Reads the runs tables it
 * owns, and the inventory's counts through CollectTargetsService.
 */
@Injectable()
export class CapacityService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly targets: CollectTargetsService,
  ) {}

  async report(): Promise<CapacityReport> {
    const c = this.config.collection;
    const settings: CapacitySettings = {
      intervalMinutes: c.intervalMinutes, precacheLeadMinutes: c.precacheLeadMinutes,
      sshConcurrency: c.sshConcurrency, rapiConcurrency: c.rapiConcurrency, persistConcurrency: c.persistConcurrency,
    };
    const [counts, clusters, sshPoll, rapiFetch, slot] = await Promise.all([
      this.targets.collectableCounts(['node', 'ganeti-vm']),
      this.targets.clusterFqdns(),
      this.stats(OUTCOME_DURATIONS_SQL, 'collect'),
      this.stats(OUTCOME_DURATIONS_SQL, 'precache'),
      this.stats(RUN_DURATIONS_SQL, 'collect'),
    ]);
    const observed: CapacityObserved = {
      nodes: counts.get('node') ?? 0, vms: counts.get('ganeti-vm') ?? 0, clusters: clusters.length,
      sshPoll, rapiFetch, slot: slot && { ...slot, max: slot.max ?? slot.p95 },
    };
    return {
      settings,
      recentRuns: RECENT_RUNS,
      sources: [
        { source: 'ssh', resourceType: 'node', hosts: observed.nodes, timePerHostMs: sshPoll },
        { source: 'ganeti', resourceType: 'ganeti-vm', hosts: observed.vms, clusters: observed.clusters, timePerHostMs: null, timePerClusterMs: rapiFetch },
      ],
      slotDurationMs: observed.slot,
      ...projectCapacity(settings, observed),
    };
  }

  private async stats(sql: string, kind: 'collect' | 'precache'): Promise<(DurationStats & { max?: number }) | null> {
    const [row]: StatsRow[] = await this.db.query(sql, [kind, RECENT_RUNS]);
    if (!row || !row.count || row.p50 === null || row.p95 === null || row.mean === null) return null;
    const r = (n: number) => Math.round(n * 10) / 10;
    return { count: row.count, p50: r(row.p50), p95: r(row.p95), mean: r(row.mean), ...(row.max != null ? { max: r(row.max) } : {}) };
  }
}
