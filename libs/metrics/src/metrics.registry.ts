import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Metric, Registry } from 'prom-client';
import { METRICS, MetricDef, SCRAPE_READ_TIMEOUT_MS } from './metric-names';

/** Resolves to what `work` gave, or to undefined once `ms` passed or it failed: a scrape reports what it can. */
export async function within<T>(ms: number, work: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work(), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The process's metrics: one prom-client Registry per application (not prom-client's global
 * one, so several apps in one test process never collide), with Node's default process
 * metrics. Metrics are made from their definitions in metric-names.ts, once each: asking
 * again for a name returns the same instrument.
 *
 * `dependency(name, probe)` adds a `tally_up{dependency}` series, probed at scrape time
 * within the scrape timeout: when Redis or Postgres is down, the scrape still answers, with
 * what it could read and 0 for what it could not.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly made = new Map<string, Metric>();
  private readonly probes = new Map<string, () => Promise<unknown>>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const probes = this.probes;
    this.gauge(METRICS.up, async function collect() {
      this.reset();
      const names = [...probes.keys()];
      const results = await Promise.all(names.map((name) => within(SCRAPE_READ_TIMEOUT_MS, async () => (await probes.get(name)!(), true))));
      names.forEach((dependency, i) => this.set({ dependency }, results[i] ? 1 : 0));
    });
  }

  counter<L extends string>(d: MetricDef<L>): Counter<L> {
    return this.make(d, 'counter', () => new Counter<L>({ name: d.name, help: d.help, labelNames: d.labels, registers: [this.registry] }));
  }

  /** `collect` runs at every scrape (bound it with `within`); without it, set the gauge where it changes. */
  gauge<L extends string>(d: MetricDef<L>, collect?: (this: Gauge<L>) => Promise<void> | void): Gauge<L> {
    return this.make(d, 'gauge', () => new Gauge<L>({ name: d.name, help: d.help, labelNames: d.labels, registers: [this.registry], ...(collect ? { collect } : {}) }));
  }

  histogram<L extends string>(d: MetricDef<L>): Histogram<L> {
    return this.make(d, 'histogram', () => new Histogram<L>({ name: d.name, help: d.help, labelNames: d.labels, buckets: [...(d.buckets ?? [])], registers: [this.registry] }));
  }

  /** A dependency reported as tally_up{dependency=name}: 1 when `probe` resolves within the scrape timeout. */
  dependency(name: string, probe: () => Promise<unknown>): void {
    this.probes.set(name, probe);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text; never slower than the scrape timeout (each scrape-time read is bound). */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  private make<M extends Metric>(d: MetricDef, type: MetricDef['type'], create: () => M): M {
    if (d.type !== type) throw new Error(`metric ${d.name} is a ${d.type}, not a ${type}`);
    const known = this.made.get(d.name);
    if (known) return known as M;
    const metric = create();
    this.made.set(d.name, metric);
    return metric;
  }
}
