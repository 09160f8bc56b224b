import { createHash } from 'node:crypto';

const MINUTE = 60_000;

/** Start of the slot containing `ms`: aligned down to the interval, in UTC (epoch-aligned). */
export function slotStart(ms: number, intervalMinutes: number): Date {
  const size = intervalMinutes * MINUTE;
  return new Date(Math.floor(ms / size) * size);
}

/**
 * The collection slot a pre-cache at `ms` prepares: the first that starts after it, the next
 * collection still to come. The scheduled pre-cache (the lead before a slot) prepares that
 * slot; one asked for by hand early in a slot prepares the next, never the slot whose
 * collection has already begun. The one formula for the worker and the API.
 */
export function preparedSlot(ms: number, intervalMinutes: number): Date {
  return new Date(slotStart(ms, intervalMinutes).getTime() + intervalMinutes * MINUTE);
}

/** Job ids may not contain ':' (BullMQ uses it as a key separator); ids built from a slot use its epoch ms. */
export function slotJobId(kind: string, slot: Date, ...parts: string[]): string {
  return [kind, String(slot.getTime()), ...parts].join('-');
}

/**
 * The id of a job over a set of resources in a slot. One resource keeps its own id, so an
 * operator finds a node's job by its resource id; several are named by a digest of their
 * sorted ids, so the same batch enqueued twice is one job, and a different batch (a fan-out
 * restarted after some resources finished) is a different one.
 */
export function batchJobId(kind: string, slot: Date, resourceIds: readonly string[]): string {
  if (resourceIds.length === 1) return slotJobId(kind, slot, resourceIds[0]);
  const digest = createHash('sha256').update([...resourceIds].sort().join(',')).digest('hex').slice(0, 32);
  return slotJobId(kind, slot, `batch${resourceIds.length}`, digest);
}

/**
 * When a job was meant to run: a scheduler's job carries its fire time as `prevMillis`
 * (also its delay from creation), so a job that runs late still belongs to its own slot.
 */
export function scheduledAt(job: { opts?: { prevMillis?: number }; timestamp: number; delay?: number }): number {
  return job.opts?.prevMillis ?? job.timestamp + (job.delay ?? 0);
}
