import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { JobProducer, JOBS, slotJobId } from '@tally/jobs';
import { closureRule, isClosed, openUntil } from '@tally/metering';
import { METRICS, MetricsRegistry } from '@tally/metrics';
import { OutageLog } from './outage-log';
import { missedReason, owedBoundaries } from './slot-ledger';
import { SlotLedgerRepository } from './slot-ledger.repository';

export interface ReconcileResult {
  /** Boundaries looked at (none before the ledger begins). */
  checked: number;
  /** Open boundaries without a collection, enqueued now. */
  enqueued: string[];
  /** Closed boundaries nobody collected, now recorded as missed. */
  missed: string[];
  /** Open boundaries left for the next pass: Redis is not reachable to enqueue them. */
  waiting: string[];
}

/**
 * Accounts for every boundary the schedule owes, independent of BullMQ's schedulers (which
 * compute their next run from the current time, so boundaries passed during a Redis outage are
 * simply dropped). A boundary without a collection is collected while that is honest: its
 * slot is still open (libs/metering closed-periods), and the fan-out and persist steps apply
 * the late-read rule to counters. Once it has closed it is recorded as missed, with the reason.
 */
@Injectable()
export class SlotLedgerService {
  private readonly logger = new Logger('SlotLedger');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly repo: SlotLedgerRepository,
    private readonly outages: OutageLog,
    private readonly producer: JobProducer,
    private readonly metrics: MetricsRegistry,
  ) {}

  private readonly missedSlots = this.metrics.counter(METRICS.slotsMissed);

  async reconcile(now = Date.now()): Promise<ReconcileResult> {
    const c = this.config.collection;
    const result: ReconcileResult = { checked: 0, enqueued: [], missed: [], waiting: [] };
    const begun = await this.repo.firstScheduledSlot();
    if (!begun) return result;
    const from = new Date(Math.max(begun.getTime(), now - c.reconcileLookbackHours * 3_600_000));
    // The newest boundaries are the schedule's own until its grace is over.
    const until = new Date(now - c.scheduleGraceSeconds * 1000);
    const boundaries = owedBoundaries(from, until, c.intervalMinutes);
    if (!boundaries.length) return result;
    const rows = await this.repo.rows(boundaries[0], boundaries[boundaries.length - 1]);
    const rule = closureRule(c);
    for (const slot of boundaries) {
      const row = rows.get(slot.getTime());
      // A run that started (or finished) accounts for its slot; a queued one may never have been enqueued.
      if (row && row.state !== 'queued') continue;
      result.checked++;
      const iso = slot.toISOString();
      if (isClosed(slot, now, rule)) {
        if (await this.markMissed(slot, now)) result.missed.push(iso);
      } else if (this.producer.isConnected()) {
        // The job id makes this one job however many workers reconcile, and the fan-out's
        // (kind, slot) key makes it one run with the schedule's own job, should that run late.
        await this.producer.add(JOBS.collectSlot, { jobId: slotJobId(JOBS.collectSlot, slot, 'reconcile'), data: { trigger: 'reconcile', slot: iso } });
        result.enqueued.push(iso);
      } else {
        result.waiting.push(iso);
      }
    }
    if (result.enqueued.length || result.missed.length) this.logger.warn(result, 'slot ledger reconciled: boundaries without a collection');
    return result;
  }

  /**
   * Records a closed slot nobody collected as missed, with the reason; false when something
   * accounted for it first. Also what a fan-out does with a slot whose job ran only after the
   * slot had closed (it waited out a Redis outage): collecting it then would store nothing.
   */
  async markMissed(slot: Date, now = Date.now()): Promise<boolean> {
    const closedAt = openUntil(slot, closureRule(this.config.collection));
    const reason = missedReason(slot, {
      closedAt,
      outages: this.outages.during(slot, new Date(Math.min(now, closedAt.getTime()))),
      workerStartedAt: this.outages.startedAt,
      lastActivity: await this.repo.lastActivityBefore(slot),
    });
    const id = await this.repo.markMissed(slot, reason);
    if (id) {
      this.logger.warn({ slot: slot.toISOString(), runId: id, reason }, 'slot missed');
      this.missedSlots.inc({ kind: 'collect' });
    }
    return !!id;
  }

  /** Whether a slot may no longer be collected into. */
  isClosed(slot: Date, now = Date.now()): boolean {
    return isClosed(slot, now, closureRule(this.config.collection));
  }
}
