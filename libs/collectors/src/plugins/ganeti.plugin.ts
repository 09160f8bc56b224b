import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { CollectTargetSnapshot } from '@tally/jobs';
import { FailureClass } from '@tally/metrics';
import { PrecacheAges } from '../collection-metrics';
import { GANETI_MEASUREMENT_KEYS, ganetiMeasurements } from '../ganeti';
import { GanetiCacheStore } from '../ganeti-cache.store';
import { CollectPlugin, PluginReading } from './collect-plugin';

/**
 * `ganeti-vm` resources: read from the pre-cache, never from the cluster. A batch holds VMs
 * of one cluster, so its collection is one Redis round trip for the cluster's meta and those
 * VMs' fields. A missing or stale answer is an error, never a zero.
 */
@Injectable()
export class GanetiPlugin implements CollectPlugin {
  readonly name = 'ganeti';
  readonly resourceType = 'ganeti-vm';
  readonly measurementKeys = GANETI_MEASUREMENT_KEYS;
  readonly batchSize: number;
  readonly local = true;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly cache: GanetiCacheStore,
    private readonly ages: PrecacheAges,
  ) {
    this.batchSize = config.collection.ganetiBatchSize;
  }

  batchKey(target: CollectTargetSnapshot): string {
    return `cluster ${target.clusterFqdn ?? ''}`;
  }

  async collect(targets: readonly CollectTargetSnapshot[]): Promise<PluginReading[]> {
    const byCluster = new Map<string, number[]>();
    targets.forEach((t, i) => {
      const indexes = byCluster.get(t.clusterFqdn ?? '');
      if (indexes) indexes.push(i);
      else byCluster.set(t.clusterFqdn ?? '', [i]);
    });
    const readings: PluginReading[] = new Array(targets.length);
    for (const [fqdn, indexes] of byCluster) {
      const batch = indexes.map((i) => targets[i]);
      const read = await this.collectCluster(fqdn, batch);
      indexes.forEach((target, k) => (readings[target] = read[k]));
    }
    return readings;
  }

  private async collectCluster(fqdn: string, targets: CollectTargetSnapshot[]): Promise<PluginReading[]> {
    const fail = (reason: string, failure: FailureClass): PluginReading => ({ ok: false, reason, failure, values: {} });
    if (!fqdn) return targets.map(() => fail('the resource names no Ganeti cluster (clusterFqdn)', 'config'));
    const found = await this.cache.lookup(fqdn, targets.map((t) => t.name));
    if (!found) return targets.map(() => fail(`no cached answer from cluster ${fqdn}: the pre-cache has not fetched it successfully yet`, 'cache-missing'));
    const { meta, instances } = found;
    this.ages.seen(fqdn, meta.fetchedAt);
    const maxAge = this.config.collection.ganetiCacheMaxAgeMinutes;
    const ageMinutes = (Date.now() - Date.parse(meta.fetchedAt)) / 60_000;
    if (ageMinutes > maxAge) {
      const reason = `the cached answer from ${fqdn} is ${Math.floor(ageMinutes)} minutes old (fetched ${meta.fetchedAt}, limit ${maxAge}); see the latest pre-cache run for why`;
      return targets.map(() => fail(reason, 'cache-stale'));
    }
    const problems = new Map(meta.problems.map((p) => [p.name, p.reason]));
    return targets.map((target, i) => {
      const instance = instances[i];
      if (instance) return { ok: true, values: ganetiMeasurements(instance) };
      const problem = problems.get(target.name);
      if (problem !== undefined) return fail(`cluster ${fqdn} lists instance ${target.name} but it could not be read: ${problem}`, 'instance-unreadable');
      return fail(`instance ${target.name} is not in the answer from ${fqdn} fetched at ${meta.fetchedAt}`, 'instance-missing');
    });
  }
}
