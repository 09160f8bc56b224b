import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName } from './job-names';
import { JobPayloads } from './job-payloads';

export const JOB_HANDLER = 'tally:job-handler';

/** Marks a provider method as the handler of one job. Exactly one per job, checked at boot. */
export const OnJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);

export type JobOf<N extends JobName> = Job<JobPayloads[N], unknown, N>;
/** `token` is the worker's lock on the job, which a handler needs to move its job to the delayed set. */
export type JobHandlerFn = (job: Job, token?: string) => Promise<unknown>;

export interface FoundHandler {
  name: string;
  /** "Class.method", for the boot error message. */
  where: string;
  fn: JobHandlerFn;
}

/**
 * The handler table: refuses (throws) when a known job has no handler or two, or a handler
 * names an unknown job. Pure, so the rule is unit-tested without Nest.
 */
export function buildHandlerTable(known: readonly string[], found: readonly FoundHandler[]): Map<string, JobHandlerFn> {
  const byName = new Map<string, FoundHandler[]>();
  for (const h of found) byName.set(h.name, [...(byName.get(h.name) ?? []), h]);
  const problems: string[] = [];
  for (const name of known) {
    const handlers = byName.get(name) ?? [];
    if (handlers.length === 0) problems.push(`job "${name}" has no handler`);
    if (handlers.length > 1) problems.push(`job "${name}" has ${handlers.length} handlers: ${handlers.map((h) => h.where).join(', ')}`);
  }
  for (const [name, handlers] of byName) {
    if (!known.includes(name)) problems.push(`${handlers.map((h) => h.where).join(', ')} handles unknown job "${name}"`);
  }
  if (problems.length) throw new Error(`job registry refused to start:\n  - ${problems.join('\n  - ')}`);
  return new Map([...byName].map(([name, [h]]) => [name, h.fn]));
}
