import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventChanges } from '@tally/database';
import { DataSource, EntityManager } from 'typeorm';
import { EVENT_TYPES, eventMatches } from './event-types';
import { LATEST_OF } from './event-log.sql';
import { HookRefusal, PendingEvent } from './hooks/hook';
import { HookRegistry } from './hooks/hook-registry';
import { requestContext } from './request-context';

/** A subject's latest event of some types: the state a worker happening is a change of. */
export interface LatestEvent {
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export interface NewEvent {
  type: string;
  subject: { type: string; id: string };
  /** The tenant the event belongs to; null for installation-wide happenings. */
  clientId?: string | null;
  data?: Record<string, unknown>;
  changes?: EventChanges | null;
}

const INSERT = `
  INSERT INTO events (type, version, client_id, subject_type, subject_id, actor_key_id, actor_key_name, actor_role, request_id, actor_address, data, changes)
  SELECT * FROM unnest($1::text[], $2::smallint[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::jsonb[])
  RETURNING id`;

/**
 * Writes the event log. Always inside the caller's transaction (`manager`), so an event
 * exists exactly when its change does. Events from an API request carry the request's actor,
 * id and address (request-context.ts) and pass the active before-hooks first; the worker's
 * own happenings carry none.
 */
@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    // Only the before-hooks are needed: a command-line tool outside Nest passes `{ before: [] }`.
    @Inject(HookRegistry) private readonly hooks: Pick<HookRegistry, 'before'>,
  ) {}

  async record(manager: EntityManager, event: NewEvent): Promise<string> {
    const [id] = await this.recordAll(manager, [event]);
    return id;
  }

  /** Many events in one statement (a run's worth of host.down, say). Returns their ids, in order. */
  async recordAll(manager: EntityManager, events: readonly NewEvent[]): Promise<string[]> {
    if (!events.length) return [];
    for (const e of events) {
      if (!EVENT_TYPES[e.type]) throw new Error(`event type "${e.type}" is not in EVENT_TYPES (libs/events event-types.ts)`);
    }
    if (requestContext.current()) for (const e of events) await this.checkBefore(e, manager);
    return this.insert(manager, events);
  }

  /**
   * The latest event of `types` for each subject, read in the caller's transaction (subjects
   * without one are absent). The worker derives state changes from it, which makes recording
   * them idempotent: a replayed job finds its own event and records nothing new.
   */
  async latestOf(manager: EntityManager, subjectType: string, ids: readonly string[], types: readonly string[]): Promise<Map<string, LatestEvent>> {
    if (!ids.length) return new Map();
    const rows: { subject_id: string; type: string | null; occurred_at: Date; data: Record<string, unknown> }[] =
      await manager.query(LATEST_OF, [[...new Set(ids)], subjectType, types]);
    return new Map(rows.filter((r) => r.type).map((r) => [r.subject_id, { type: r.type!, occurredAt: r.occurred_at, data: r.data }]));
  }

  private async insert(manager: EntityManager, events: readonly NewEvent[]): Promise<string[]> {
    const context = requestContext.current();
    const actor = context?.actor;
    const column = <T>(f: (e: NewEvent) => T) => events.map(f);
    const rows: { id: string }[] = await manager.query(INSERT, [
      column((e) => e.type),
      column((e) => EVENT_TYPES[e.type].version),
      column((e) => e.clientId ?? null),
      column((e) => e.subject.type),
      column((e) => e.subject.id),
      column(() => actor?.keyId ?? null),
      column(() => actor?.keyName ?? null),
      column(() => actor?.role ?? null),
      column(() => context?.requestId ?? null),
      column(() => context?.address ?? null),
      column((e) => JSON.stringify(e.data ?? {})),
      column((e) => (e.changes ? JSON.stringify(e.changes) : null)),
    ]);
    return rows.map((r) => String(r.id));
  }

  /**
   * Runs the before-hooks matching the event. A refusal is recorded as its own event, outside
   * the change's transaction (which the refusal rolls back), then reaches the caller as 422.
   */
  private async checkBefore(event: NewEvent, manager: EntityManager): Promise<void> {
    const pending: PendingEvent = {
      type: event.type, subjectType: event.subject.type, subjectId: event.subject.id, clientId: event.clientId ?? null, data: event.data ?? {},
    };
    for (const { info, hook } of this.hooks.before) {
      if (!info.events.some((p) => eventMatches(p, event.type))) continue;
      const reason = await hook.check(pending, manager);
      if (reason === undefined) continue;
      const refused: NewEvent = {
        type: 'hook.refused',
        subject: { type: 'hook', id: info.name },
        clientId: pending.clientId,
        data: { hook: info.name, reason, refused: { type: event.type, subject: event.subject } },
      };
      await this.db.transaction((tx) => this.insert(tx, [refused]));
      throw new HookRefusal(info.name, reason);
    }
  }
}
