import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { CollectTargetSnapshot } from '@tally/jobs';
import { GANETI_MEASUREMENT_KEYS, ganetiMeasurements } from '../ganeti';
import { GanetiCacheStore } from '../ganeti-cache.store';
import { CollectPlugin, PluginReading } from './collect-plugin';

/**
 * `ganeti-vm` resources: read from the pre-cache, never from the cluster, so a collection
 * costs one Redis round trip per VM, for the cluster's meta and that VM's instance only.
 * A missing or stale answer is an error, never a zero.
 */
@Injectable()
export class GanetiPlugin implements CollectPlugin {
  readonly name = 'ganeti';
  readonly resourceType = 'ganeti-vm';
  readonly measurementKeys = GANETI_MEASUREMENT_KEYS;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly cache: GanetiCacheStore,
  ) {}

  async collect(target: CollectTargetSnapshot): Promise<PluginReading> {
    const fail = (reason: string): PluginReading => ({ ok: false, reason, values: {} });
    const fqdn = target.clusterFqdn;
    if (!fqdn) return fail('the resource names no Ganeti cluster (clusterFqdn)');
    const found = await this.cache.lookup(fqdn, target.name);
    if (!found) return fail(`no cached answer from cluster ${fqdn}: the pre-cache has not fetched it successfully yet`);
    const { meta, instance } = found;
    const maxAge = this.config.collection.ganetiCacheMaxAgeMinutes;
    const ageMinutes = (Date.now() - Date.parse(meta.fetchedAt)) / 60_000;
    if (ageMinutes > maxAge) {
      return fail(`the cached answer from ${fqdn} is ${Math.floor(ageMinutes)} minutes old (fetched ${meta.fetchedAt}, limit ${maxAge}); see the latest pre-cache run for why`);
    }
    if (!instance) {
      const problem = meta.problems.find((p) => p.name === target.name);
      if (problem) return fail(`cluster ${fqdn} lists instance ${target.name} but it could not be read: ${problem.reason}`);
      return fail(`instance ${target.name} is not in the answer from ${fqdn} fetched at ${meta.fetchedAt}`);
    }
    return { ok: true, values: ganetiMeasurements(instance) };
  }
}
