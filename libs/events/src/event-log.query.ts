import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EVENTS_AFTER, LOG_HEAD } from './event-log.sql';
import { EventRow, StoredEvent, toStoredEvent } from './stored-event';

export interface EventFilter {
  limit: number;
  offset: number;
  /** Set for client keys: only this tenant's events. */
  tenant?: string;
  /** An event name or `prefix.*`. */
  type?: string;
  subjectType?: string;
  subjectId?: string;
  clientId?: string;
  actorKeyId?: string;
  from?: Date;
  to?: Date;
  /** Only events with an actor: the audit log. */
  audited?: boolean;
  /** A cursor from a previous page's `nextCursor`: events after it, in log order. */
  after?: string;
}


/** "seq.id": the log position of the last event read, so the next page starts where it ended. */
/** Events read per cursor page before filtering: a page never scans the whole log. */
const SCAN = 1_000;
const CURSOR = /^(\d{1,20})\.(\d{1,20})$/;

/**
 * Reads the event log for GET /events and GET /audit. Plain pages come newest first. With a
 * cursor they come in log order (event-log.sql.ts), so a poller that follows `nextCursor`
 * never skips an event that committed after a later-numbered one.
 */
@Injectable()
export class EventLogQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(f: EventFilter): Promise<{ items: StoredEvent[]; total: number; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
    if (f.tenant) add('client_id = ?', f.tenant);
    if (f.clientId) add('client_id = ?', f.clientId);
    if (f.type?.endsWith('.*')) add(`starts_with(type, ?)`, f.type.slice(0, -1));
    else if (f.type) add('type = ?', f.type);
    if (f.subjectType) add('subject_type = ?', f.subjectType);
    if (f.subjectId) add('subject_id = ?', f.subjectId);
    if (f.actorKeyId) add('actor_key_id = ?', f.actorKeyId);
    if (f.from) add('occurred_at >= ?', f.from.toISOString());
    if (f.to) add('occurred_at < ?', f.to.toISOString());
    if (f.audited) where.push('(actor_key_id IS NOT NULL OR request_id IS NOT NULL)');
    const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: number }[] = await this.db.query(`SELECT count(*)::int AS total FROM events ${filtered}`, params);

    let rows: EventRow[];
    let nextCursor: string | null = null;
    if (f.after !== undefined) {
      const m = CURSOR.exec(f.after === 'head' ? await this.head() : f.after);
      if (!m) throw new BadRequestException('after must be a cursor from a previous page (nextCursor), or head');
      // The filters apply to the page, while the cursor moves past everything read: paging stays in log order.
      const scanned: EventRow[] = await this.db.query(EVENTS_AFTER, [m[1], m[2], SCAN]);
      const keep = where.length ? await this.matching(scanned.map((r) => r.id), where, params) : null;
      rows = [];
      let last = scanned.length ? scanned[scanned.length - 1] : undefined;
      for (const r of scanned) {
        if (keep && !keep.has(String(r.id))) continue;
        rows.push(r);
        if (rows.length === f.limit) {
          last = r;
          break;
        }
      }
      nextCursor = last ? `${last.seq}.${last.id}` : `${m[1]}.${m[2]}`;
    } else {
      rows = await this.db.query(`SELECT * FROM events ${filtered} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, f.limit, f.offset]);
    }
    return { items: rows.map(toStoredEvent), total, nextCursor };
  }

  /** A cursor at the current end of the log: where a new poller starts. */
  async head(): Promise<string> {
    const [row]: { seq: string; event_id: string }[] = await this.db.query(LOG_HEAD);
    return `${row.seq}.${row.event_id}`;
  }

  /** Which of these events pass the filters. */
  private async matching(ids: string[], where: string[], params: unknown[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await this.db.query(
      `SELECT id::text FROM events WHERE id = ANY($${params.length + 1}::bigint[]) AND ${where.join(' AND ')}`, [...params, ids]);
    return new Set(rows.map((r) => r.id));
  }
}
