import type { EventChanges } from '@tally/database';

/** An event as the log holds it and as the API, webhooks and hooks show it. */
export interface StoredEvent {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  clientId: string | null;
  subject: { type: string; id: string };
  /** Null for the worker's own happenings. */
  actor: { keyId: string | null; keyName: string | null; role: string | null; requestId: string | null; address: string | null } | null;
  data: Record<string, unknown>;
  changes: EventChanges | null;
}

/** An events row as `SELECT *` returns it; `seq` where the query added it (event-log.sql.ts). */
export interface EventRow {
  id: string; tx: string; seq?: string; type: string; version: number; occurred_at: Date; client_id: string | null; subject_type: string; subject_id: string;
  actor_key_id: string | null; actor_key_name: string | null; actor_role: string | null; request_id: string | null; actor_address: string | null;
  data: Record<string, unknown>; changes: EventChanges | null;
}

export function toStoredEvent(r: EventRow): StoredEvent {
  const hasActor = r.actor_key_id !== null || r.actor_role !== null || r.request_id !== null;
  return {
    id: String(r.id),
    type: r.type,
    version: r.version,
    occurredAt: r.occurred_at.toISOString(),
    clientId: r.client_id,
    subject: { type: r.subject_type, id: r.subject_id },
    actor: hasActor ? { keyId: r.actor_key_id, keyName: r.actor_key_name, role: r.actor_role, requestId: r.request_id, address: r.actor_address } : null,
    data: r.data,
    changes: r.changes,
  };
}
