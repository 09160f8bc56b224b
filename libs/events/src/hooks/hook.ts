import { SetMetadata, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '../stored-event';

export type HookPhase = 'before' | 'after';

export interface HookInfo {
  /** Unique: names the hook in GET /hooks, in refusals, and (after-hooks) its relay cursor. */
  name: string;
  /** The configuration module that turns it on (TALLY_HOOKS lists modules). */
  module: string;
  phase: HookPhase;
  /** Event names or `prefix.*` patterns. */
  events: string[];
  description: string;
}

/** An event about to be written by an API request; a before-hook may refuse the change. */
export interface PendingEvent {
  type: string;
  subjectType: string;
  subjectId: string;
  clientId: string | null;
  data: Record<string, unknown>;
}

/**
 * Runs inside the request, in the change's transaction, before its event is written.
 * Returns a reason to refuse the change (the caller gets 422 with it), or nothing.
 */
export interface BeforeHook {
  check(event: PendingEvent, manager: EntityManager): Promise<string | undefined> | string | undefined;
}

/**
 * Runs from the event log, in the worker, never in the request: it cannot slow or fail a
 * change. Called with batches in log order, inside a transaction that also moves the hook's
 * cursor, so what it writes through `manager` happens exactly once; anything else it does
 * (a send) happens at least once.
 */
export interface AfterHook {
  handle(events: StoredEvent[], manager: EntityManager): Promise<void>;
}

export const HOOK_INFO = 'tally:hook';

/** Marks a provider as a hook. The registry checks at boot that the set is consistent. */
export const Hook = (info: HookInfo) => SetMetadata(HOOK_INFO, info);

/** A before-hook said no: the change is rolled back and the caller told why (422). */
export class HookRefusal extends UnprocessableEntityException {
  constructor(readonly hook: string, readonly reason: string) {
    super(`refused by ${hook}: ${reason}`);
  }
}
