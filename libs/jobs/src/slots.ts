const MINUTE = 60_000;

/** Start of the slot containing `ms`: aligned down to the interval, in UTC (epoch-aligned). */
export function slotStart(ms: number, intervalMinutes: number): Date {
  const size = intervalMinutes * MINUTE;
  return new Date(Math.floor(ms / size) * size);
}

/** The collection slot a pre-cache at `ms` prepares: the one starting `leadMinutes` later. */
export function preparedSlot(ms: number, intervalMinutes: number, leadMinutes: number): Date {
  return slotStart(ms + leadMinutes * MINUTE, intervalMinutes);
}

/** Job ids may not contain ':' (BullMQ uses it as a key separator); ids built from a slot use its epoch ms. */
export function slotJobId(kind: string, slot: Date, ...parts: string[]): string {
  return [kind, String(slot.getTime()), ...parts].join('-');
}

/**
 * When a job was meant to run: a scheduler's job carries its fire time as `prevMillis`
 * (also its delay from creation), so a job that runs late still belongs to its own slot.
 */
export function scheduledAt(job: { opts?: { prevMillis?: number }; timestamp: number; delay?: number }): number {
  return job.opts?.prevMillis ?? job.timestamp + (job.delay ?? 0);
}
