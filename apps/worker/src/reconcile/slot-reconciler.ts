import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CollectionService, SlotLedgerService } from '@tally/collectors';
import { AppConfig, InjectConfig } from '@tally/config';
import { JobProducer, recurringJobs, registerSchedules } from '@tally/jobs';
import { DependencyWatch } from './dependency-watch';

/** A shutdown waits this long at most for a pass in progress. */
const STOP_WAIT_MS = 5_000;

/**
 * Runs the slot ledger's reconciliation and the schedule check at start, after every Redis
 * or Postgres reconnect, and every TALLY_RECONCILE_INTERVAL_SECONDS, independent of BullMQ's
 * schedulers. Passes never overlap in one worker; a reason to run during a pass runs one more
 * after it. Several workers may run passes at once: the ledger's (kind, slot) key and the
 * job ids make that harmless.
 */
@Injectable()
export class SlotReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SlotReconciler');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopping = false;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly ledger: SlotLedgerService,
    private readonly producer: JobProducer,
    private readonly collection: CollectionService,
    watch: DependencyWatch,
  ) {
    watch.onRecovered(() => this.kick());
  }

  onApplicationBootstrap() {
    // Not awaited: a boot with Redis or Postgres away must not wait for them here.
    this.kick();
    this.timer = setInterval(() => this.kick(), this.config.collection.reconcileIntervalSeconds * 1000).unref();
  }

  async beforeApplicationShutdown() {
    this.stopping = true;
    clearInterval(this.timer);
    if (this.running) await Promise.race([this.running, new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
  }

  /** Starts a pass, or asks for one more after the pass in progress. */
  kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.stopping);
    })().finally(() => (this.running = undefined));
  }

  /** Resolves once no pass is running (tests, shutdown). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async pass(): Promise<void> {
    try {
      if (this.producer.isConnected()) await this.healSchedules();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'could not check the job schedulers; the next pass tries again');
    }
    try {
      // Under a fan-out permit: its Postgres work fits the worker's pool budget (workerDatabaseShares).
      await this.collection.withFanOutPermit(() => this.ledger.reconcile());
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'could not reconcile the slot ledger; the next pass tries again');
    }
  }

  /**
   * Re-registers the schedules when one is missing (a Redis restarted without its data) or
   * fires at another pattern. registerSchedules is idempotent, so a worker racing another
   * leaves one scheduler per job either way.
   */
  private async healSchedules(): Promise<void> {
    const wrong: string[] = [];
    for (const spec of recurringJobs(this.config)) {
      const found = await this.producer.queue(spec.queue).getJobScheduler(spec.id);
      if (!found) wrong.push(`${spec.id}: missing`);
      else if (found.pattern !== spec.pattern || found.tz !== 'UTC') wrong.push(`${spec.id}: "${found.pattern}" ${found.tz ?? ''}, not "${spec.pattern}" UTC`);
    }
    if (!wrong.length) return;
    const registered = await registerSchedules(this.producer, this.config);
    this.logger.warn({ wrong, registered: registered.map((s) => ({ id: s.id, next: s.next?.toISOString() })) }, 'job schedulers were missing or wrong; registered them again');
  }
}
