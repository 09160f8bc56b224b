import { CollectTargetSnapshot } from '@tally/jobs';
import { FailureClass } from '@tally/metrics';
import { ReadingDetail } from '../reading';

/** What one poll of one resource read. A host problem is `ok: false` with a reason, never a throw. */
export interface PluginReading {
  ok: boolean;
  reason?: string;
  /** What kind of failure `reason` describes, for metrics (a fixed set; never the message). */
  failure?: FailureClass;
  /** By measurement key; only keys the plugin declares. Failures may still carry values (node.up = 0). */
  values: Record<string, number>;
  bootId?: string | null;
  /** A host key seen on first contact, to pin when the reading is persisted. */
  pinHostKey?: string;
  /** Devices, not-yet-stored measurements, facts and reasons; not persisted yet. */
  detail?: ReadingDetail;
}

/**
 * A measurement source. Each plugin collects one resource type and declares the keys it can
 * produce; the registry checks them against the built-in catalog at boot. `collect` throws
 * only for infrastructure failures (Postgres, Redis), which makes the job retry.
 */
export interface CollectPlugin {
  readonly name: string;
  readonly resourceType: string;
  readonly measurementKeys: readonly string[];
  /**
   * How many targets one job may collect. 1 where every target is its own host, with its
   * own timeouts and failures; more where targets share one read (a cluster's cached answer),
   * so a job per target would cost more than the read itself.
   */
  readonly batchSize: number;
  /**
   * True when collect() reads only local state (the Ganeti pre-cache in Redis), never a host:
   * the fan-out then reads the batch itself instead of giving it a job, which would cost more
   * than the read. Plugins that contact hosts get a job per batch, with its own retries.
   */
  readonly local: boolean;
  /** Targets with the same key may share a job (a cluster's VMs); others never do. */
  batchKey(target: CollectTargetSnapshot): string;
  /** One reading per target, in the targets' order. */
  collect(targets: readonly CollectTargetSnapshot[]): Promise<PluginReading[]>;
}

export const COLLECT_PLUGINS = Symbol('COLLECT_PLUGINS');
