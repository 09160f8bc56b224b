import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { JobProducer, PersistSamplesPayload } from '@tally/jobs';
import { closureRule, inSampleRange, isClosed } from '@tally/metering';

/** Distinct timestamps of one push evaluated; a push spanning more is evaluated at its latest ones. */
const MAX_PUSH_TIMESTAMPS = 50;

/**
 * The one call the persist path and POST /samples make after their samples committed: it
 * only enqueues an evaluate-alerts job, and never throws, so alerting cannot slow down or
 * fail what feeds it. A lost enqueue (Redis gone at that instant) is logged.
 */
@Injectable()
export class AlertTrigger {
  private readonly logger = new Logger('AlertTrigger');

  constructor(
    private readonly jobs: JobProducer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** After a persist: `dedupeKey` (the persist job's id) makes a retried persist enqueue nothing new. */
  async evaluateSlot(slot: string | Date, resourceIds: readonly string[], dedupeKey?: string, values?: Record<string, Record<string, number>>): Promise<void> {
    if (!resourceIds.length) return;
    const ts = new Date(slot).toISOString();
    try {
      await this.jobs.add('evaluate-alerts', { data: { ts, resourceIds: [...resourceIds], ...(values ? { values } : {}) }, ...(dedupeKey ? { jobId: `alerts-${dedupeKey}` } : {}) });
    } catch (err) {
      this.logger.error({ err, ts, resources: resourceIds.length }, 'alert evaluation could not be queued');
    }
  }

  /**
   * After a persist, with the values it stored: those of each reading within the accepted
   * range. A reading that pins a host key may have been replaced by node.up = 0 (another poll
   * pinned a different key), so it is left out and read back instead.
   */
  async afterPersist(job: { id?: string; data: PersistSamplesPayload }): Promise<void> {
    const values: Record<string, Record<string, number>> = {};
    // Read after its slot closed: nothing was stored, so nothing is handed on (read back: missing).
    const closed = isClosed(new Date(job.data.slot), Date.parse(job.data.at), closureRule(this.config.collection));
    for (const r of closed ? [] : job.data.readings) {
      if (r.pinHostKey) continue;
      values[r.resourceId] = Object.fromEntries(Object.entries(r.values).filter(([, v]) => inSampleRange(v)));
    }
    await this.evaluateSlot(job.data.slot, job.data.readings.map((r) => r.resourceId), job.id, values);
  }

  /** After POST /samples committed: one evaluation per distinct ts, without waiting for Redis (the push has its answer). */
  samplesPushed(items: readonly { resourceId: string; ts: string }[]): void {
    if (!this.jobs.isConnected()) {
      this.logger.warn({ samples: items.length }, 'Redis is not connected: pushed samples are not evaluated for alerts');
      return;
    }
    const byTs = new Map<string, Set<string>>();
    for (const s of items) {
      const ts = new Date(s.ts).toISOString();
      byTs.set(ts, (byTs.get(ts) ?? new Set()).add(s.resourceId));
    }
    const latest = [...byTs.keys()].sort().slice(-MAX_PUSH_TIMESTAMPS);
    void Promise.all(latest.map((ts) => this.evaluateSlot(ts, [...byTs.get(ts)!])));
  }
}
