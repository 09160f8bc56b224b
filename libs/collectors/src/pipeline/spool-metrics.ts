import { Injectable } from '@nestjs/common';
import { METRICS, MetricsRegistry } from '@tally/metrics';
import { ReadingsSpool } from './readings-spool';

/**
 * The spool in the metrics (issue 9: bounded, with its size shown): its size is read from
 * ReadingsSpool.stats() at scrape time (in memory, no I/O), and refusals are counted as they
 * happen, so an operator sees a spool filling before it refuses.
 */
@Injectable()
export class SpoolMetrics {
  constructor(metrics: MetricsRegistry, spool: ReadingsSpool) {
    metrics.gauge(METRICS.spoolBytes, function collect() {
      this.set(spool.stats().bytes);
    });
    metrics.gauge(METRICS.spoolEntries, function collect() {
      this.set(spool.stats().entries);
    });
    metrics.gauge(METRICS.spoolMaxBytes, function collect() {
      this.set(spool.maxBytes);
    });
    const refused = metrics.counter(METRICS.spoolRefused);
    // Exported as 0 from the start: rate() and increase() need the series before the first refusal.
    refused.inc(0);
    spool.onRefused((count) => refused.inc(count));
  }
}
