import { Injectable, OnModuleInit } from '@nestjs/common';
import { FailureClass, METRICS, MetricsRegistry, SCRAPE_READ_TIMEOUT_MS, within } from '@tally/metrics';
import { CollectionRunsService } from './collection-runs.service';

/**
 * tally_ganeti_precache_age_seconds: the age of each cluster's cached answer as this worker
 * last saw it, written by its pre-cache or read by its collection, so a scrape needs no read.
 * Several workers each report what they saw: the freshest (min by cluster) is the truth.
 */
@Injectable()
export class PrecacheAges {
  /** Cluster FQDN → when its cached answer was fetched (ms). */
  private readonly fetched = new Map<string, number>();

  constructor(metrics: MetricsRegistry) {
    const fetched = this.fetched;
    metrics.gauge(METRICS.precacheAge, function collect() {
      this.reset();
      for (const [cluster, at] of fetched) this.set({ cluster }, Math.max(0, (Date.now() - at) / 1000));
    });
  }

  /** A cluster's cached answer, fetched at `fetchedAt` (ISO), as the pre-cache wrote it or a collection read it. */
  seen(cluster: string, fetchedAt: string): void {
    const at = Date.parse(fetchedAt);
    if (Number.isFinite(at) && at >= (this.fetched.get(cluster) ?? 0)) this.fetched.set(cluster, at);
  }
}

/**
 * The collection's other metrics (docs/metrics.md), worker side: poll outcomes and samples
 * written are counted where they happen; slot lag is read from the runs table at scrape time,
 * so a restarted worker reports it at once.
 */
@Injectable()
export class CollectionMetrics implements OnModuleInit {
  private readonly outcomes = this.metrics.counter(METRICS.collectionOutcomes);
  private readonly samples = this.metrics.counter(METRICS.samplesWritten);

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly runs: CollectionRunsService,
  ) {}

  onModuleInit() {
    // Both gauges come from one read: a scrape collects every metric at once, so the second
    // to ask shares the read in flight.
    let read: Promise<LatestRun | undefined> | undefined;
    const latest = () => (read ??= this.latestFinished().finally(() => (read = undefined)));
    this.metrics.gauge(METRICS.slotLag, async function collect() {
      this.reset();
      const run = await latest();
      if (run) this.set(run.lagSeconds);
    });
    this.metrics.gauge(METRICS.lastSlot, async function collect() {
      this.reset();
      const run = await latest();
      if (run) this.set(run.slot / 1000);
    });
  }

  /** One poll's outcome per resource; `failure` is the class of a failed one. */
  polled(source: string, outcomes: readonly { ok: boolean; failure?: FailureClass }[]): void {
    for (const o of outcomes) this.outcomes.inc({ source, outcome: o.ok ? 'ok' : 'failed', reason: o.ok ? 'none' : (o.failure ?? 'other') });
  }

  written(samples: number): void {
    if (samples > 0) this.samples.inc(samples);
  }

  /** The latest finished collection run, within the scrape timeout; undefined when none or Postgres is slow. */
  private async latestFinished(): Promise<LatestRun | undefined> {
    const run = await within(SCRAPE_READ_TIMEOUT_MS, () => this.runs.latestFinished('collect'));
    if (!run) return undefined;
    return { slot: run.slot.getTime(), lagSeconds: Math.max(0, (run.finishedAt.getTime() - run.slot.getTime()) / 1000) };
  }
}

interface LatestRun {
  /** Slot start, ms. */
  slot: number;
  lagSeconds: number;
}
