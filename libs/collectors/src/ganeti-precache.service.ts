import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { ClusterEntity, CollectionRunEntity, RunOutcome } from '@tally/database';
import { CollectTargetsService } from '@tally/inventory';
import { RunTrigger } from '@tally/jobs';
import { Repository } from 'typeorm';
import { PrecacheAges } from './collection-metrics';
import { BackoffStore } from './backoff';
import { CollectionRunsService } from './collection-runs.service';
import { CredentialCache, CredentialProblem } from './credential-cache';
import { fetchInstances, RapiCluster } from './ganeti';
import { GanetiCacheStore } from './ganeti-cache.store';
import { mapLimit } from './map-limit';

/**
 * Fetches `/2/instances?bulk=1` from every cluster in use, ahead of the collection, and keeps
 * each answer in Redis. A failing cluster keeps its last good copy; why it failed is written
 * on the pre-cache run, keyed by FQDN.
 */
@Injectable()
export class GanetiPrecacheService {
  private readonly logger = new Logger('GanetiPrecache');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectRepository(ClusterEntity) private readonly clusters: Repository<ClusterEntity>,
    private readonly targets: CollectTargetsService,
    private readonly runs: CollectionRunsService,
    private readonly credentials: CredentialCache,
    private readonly cache: GanetiCacheStore,
    private readonly ages: PrecacheAges,
    private readonly backoff: BackoffStore,
  ) {}

  async run(slot: Date, trigger: RunTrigger): Promise<CollectionRunEntity> {
    const { run } = await this.runs.ensure('precache', slot, trigger);
    const rows = await this.clusters.find();
    const byFqdn = new Map(rows.map((c) => [c.fqdn, c]));
    const fqdns = [...new Set([...(await this.targets.clusterFqdns()), ...rows.filter((c) => c.active).map((c) => c.fqdn)])].sort();
    await this.runs.start(run.id, fqdns.length, { reset: true });
    // A cluster failing fetch after fetch is backed off as a dead host is; a refresh asked for through the API always fetches.
    const subject = BackoffStore.clusterSubject;
    const skips = trigger === 'api' ? new Map<string, string>() : await this.backoff.skipReasons(slot, fqdns.map(subject));
    const unreachable = new Set<string>();
    const outcomes = await mapLimit(fqdns, this.config.collection.rapiConcurrency, (fqdn): Promise<RunOutcome> => {
      const skipped = skips.get(subject(fqdn));
      if (skipped) return Promise.resolve({ target: fqdn, ok: false, reason: skipped, at: new Date().toISOString() });
      return this.refresh(fqdn, byFqdn.get(fqdn), unreachable);
    });
    const fetched = outcomes.filter((o) => !skips.has(subject(o.target)));
    await this.backoff.record(slot, fetched.map((o) => ({ id: subject(o.target), ok: o.ok, failure: unreachable.has(o.target) ? 'connect' : 'config' })));
    return this.runs.record(run.id, outcomes);
  }

  /** `unreachable` collects the clusters whose fetch itself failed (not their configuration): those back off. */
  private async refresh(fqdn: string, row: ClusterEntity | undefined, unreachable: Set<string>): Promise<RunOutcome> {
    const began = Date.now();
    const outcome = (ok: boolean, reason?: string, samples?: number): RunOutcome => ({
      target: fqdn, ok, at: new Date().toISOString(), ...(reason ? { reason } : {}), ...(samples !== undefined ? { samples } : {}),
      durationMs: Date.now() - began,
    });
    if (row && !row.active) return outcome(false, `cluster ${fqdn} is deactivated, but active resources still name it`);
    let cluster: RapiCluster;
    try {
      cluster = await this.rapiCluster(fqdn, row);
    } catch (e) {
      if (e instanceof CredentialProblem) return outcome(false, e.message);
      throw e;
    }
    if (cluster.tlsMode === 'insecure') {
      this.logger.warn({ cluster: fqdn }, 'RAPI certificate NOT verified (tlsMode insecure): the answer and the RAPI password are open to interception');
    }
    const result = await fetchInstances(cluster, {
      connectTimeoutMs: this.config.collection.rapiConnectTimeoutMs,
      totalTimeoutMs: this.config.collection.rapiTimeoutMs,
    });
    if (!result.ok) {
      this.logger.warn({ cluster: fqdn, stage: result.stage, reason: result.reason }, 'RAPI fetch failed; keeping the last good copy');
      unreachable.add(fqdn);
      return outcome(false, `${result.stage}: ${result.reason}`);
    }
    await this.cache.put({ cluster: fqdn, fetchedAt: result.fetchedAt.toISOString(), instances: result.instances, problems: result.problems });
    this.ages.seen(fqdn, result.fetchedAt.toISOString());
    const unreadable = result.problems.length
      ? `${result.problems.length} instance(s) unreadable: ${result.problems.slice(0, 5).map((p) => `${p.name ?? `#${p.index}`}: ${p.reason}`).join('; ')}`
      : undefined;
    return outcome(true, unreadable, result.instances.length);
  }

  /** A registered cluster's URL, credential and TLS policy; an unregistered FQDN gets the defaults. */
  private async rapiCluster(fqdn: string, row: ClusterEntity | undefined): Promise<RapiCluster> {
    if (!row) return { fqdn, tlsMode: 'system' };
    const cluster: RapiCluster = {
      fqdn, rapiUrl: row.rapiUrl, tlsMode: row.tlsMode, caCertificate: row.caCertificate, tlsFingerprintSha256: row.tlsFingerprintSha256,
    };
    if (row.credentialId) {
      const credential = await this.credentials.get(row.credentialId);
      if (credential.kind !== 'password') throw new CredentialProblem(`credential ${row.credentialId} is a ${credential.kind}, not a RAPI password`);
      cluster.username = credential.username;
      cluster.password = credential.secret;
    }
    return cluster;
  }
}
