import { JobName } from './job-names';

/** Who asked for a run; stored on the run as `trigger`. `reconcile`: the worker's reconciler found the boundary without a run. */
export type RunTrigger = 'schedule' | 'api' | 'reconcile';

export interface GanetiPrecachePayload {
  trigger: RunTrigger;
  /** The collection slot this refresh prepares (ISO); absent on scheduled jobs, which derive it from their scheduled time. */
  slot?: string;
}

export interface CollectSlotPayload {
  trigger: RunTrigger;
  /** Slot start (ISO, aligned); absent on scheduled jobs, which derive it from their scheduled time. */
  slot?: string;
}

/**
 * Some resources collected into a slot's run now (POST /collections with resourceIds): those
 * of them without an outcome in the run yet, once its fan-out has finished.
 */
export interface CollectResourcesPayload {
  trigger: RunTrigger;
  /** Slot start (ISO, aligned). */
  slot: string;
  resourceIds: string[];
  /** Set once the run counts these (the ones without an outcome then) as its targets: a retry only enqueues them again. */
  added?: string[];
}

/**
 * Everything a poll needs except secrets, copied when the slot fans out, so a poll does not
 * need Postgres. The SSH key is looked up by `credentialId` inside the worker, never carried.
 */
export interface CollectTargetSnapshot {
  resourceId: string;
  type: string;
  name: string;
  clusterFqdn: string | null;
  ssh: { host: string; port: number; user: string; credentialId: string | null; hostKeySha256: string | null } | null;
  /** The resource's resource_measurements, catalog id by key: only these are written. */
  measurements: Record<string, number>;
}

/** Resources one job collects: one node, or up to a batch of one cluster's VMs (same type). */
export interface CollectBatchPayload {
  runId: string;
  slot: string;
  type: string;
  targets: CollectTargetSnapshot[];
}

/**
 * What one poll of one resource read. Compact on purpose: a slot of 100,000 VMs hands on
 * 100,000 of these through Redis, and their JSON is most of the worker's cost.
 */
export interface PersistReading {
  resourceId: string;
  ok: boolean;
  reason?: string;
  /** Value by catalog measurement id. */
  values: Record<string, number>;
  /** Kernel boot id, for counters read over SSH. */
  bootId?: string;
  /** A host key seen on first contact, to be pinned when the poll is persisted. */
  pinHostKey?: string;
  /** How long the poll took (capacity figures); absent when no host was contacted. */
  durationMs?: number;
}

/** A collect-batch job's readings, handed on as one persist job. */
export interface PersistSamplesPayload {
  runId: string;
  /** Every sample's ts: retries and replays upsert the same rows. */
  slot: string;
  /** When the poll finished (ISO). */
  at: string;
  readings: PersistReading[];
}

/** Alert rules to evaluate for some resources at one timestamp, after their samples committed (libs/alerts). */
export interface EvaluateAlertsPayload {
  /** The slot, or a pushed sample's ts (ISO). */
  ts: string;
  resourceIds: string[];
  /**
   * What a persist stored, by resource id then catalog measurement id, so evaluation need not
   * read a slot back from Postgres. Resources absent here (pushes, first-contact polls) are read.
   */
  values?: Record<string, Record<string, number>>;
}

/** The typed map from job name to payload; producers and handlers are checked against it. */
export interface JobPayloads {
  'ganeti-precache': GanetiPrecachePayload;
  'collect-slot': CollectSlotPayload;
  'collect-resources': CollectResourcesPayload;
  'collect-batch': CollectBatchPayload;
  'persist-samples': PersistSamplesPayload;
  'evaluate-alerts': EvaluateAlertsPayload;
}
type Exhaustive<T extends Record<JobName, unknown>> = T;
// Fails to compile when a job name has no payload type.
export type CheckedPayloads = Exhaustive<JobPayloads>;
