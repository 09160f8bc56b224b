/**
 * Queue and job names are wire contracts: they are stored in Redis with every pending job, so
 * renaming one strands whatever was queued under the old name. Change them only with a
 * migration that drains or moves the old queue.
 */
export const QUEUES = {
  precache: 'tally-precache',
  collect: 'tally-collect',
  persist: 'tally-persist',
  alerts: 'tally-alerts',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const QUEUE_NAMES = Object.values(QUEUES) as QueueName[];

export const JOBS = {
  ganetiPrecache: 'ganeti-precache',
  collectSlot: 'collect-slot',
  collectResources: 'collect-resources',
  collectBatch: 'collect-batch',
  persistSamples: 'persist-samples',
  evaluateAlerts: 'evaluate-alerts',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];
export const JOB_NAMES = Object.values(JOBS) as JobName[];

/** Which queue carries each job; a job is only ever added to, and processed from, this queue. */
export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  'ganeti-precache': QUEUES.precache,
  'collect-slot': QUEUES.collect,
  'collect-resources': QUEUES.collect,
  'collect-batch': QUEUES.collect,
  'persist-samples': QUEUES.persist,
  'evaluate-alerts': QUEUES.alerts,
};

/** Recurring jobs by scheduler id; the id is what makes registration idempotent. */
export const SCHEDULERS = {
  precache: 'schedule-ganeti-precache',
  collect: 'schedule-collect-slot',
} as const;
