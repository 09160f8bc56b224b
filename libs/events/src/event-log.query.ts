import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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


/** "tx.id" of the last event of a page, so the next page starts where it ended. */
const CURSOR = /^(\d{1,20})\.(\d{1,20})$/;

/**
 * Reads the event log for GET /events and GET /audit. Plain pages come newest first. With a
 * cursor they come in log order (the writing transaction, then id) and only from
 * transactions older than any still running, so a poller that follows `nextCursor` never
 * skips an event that committed after a later-numbered one.
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
    if (f.after !== undefined) {
      const m = CURSOR.exec(f.after === 'head' ? await this.head() : f.after);
      if (!m) throw new BadRequestException('after must be a cursor from a previous page (nextCursor)');
      const pageWhere = [...where, `(tx, id) > ($${params.length + 1}::bigint, $${params.length + 2}::bigint)`,
        `tx < (pg_snapshot_xmin(pg_current_snapshot()))::text::bigint`];
      rows = await this.db.query(`SELECT * FROM events WHERE ${pageWhere.join(' AND ')} ORDER BY tx, id LIMIT $${params.length + 3}`,
        [...params, m[1], m[2], f.limit]);
    } else {
      rows = await this.db.query(`SELECT * FROM events ${filtered} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, f.limit, f.offset]);
    }
    const last = rows[rows.length - 1];
    const nextCursor = f.after === undefined ? null : last ? `${last.tx}.${last.id}` : f.after === 'head' ? await this.head() : f.after;
    return { items: rows.map(toStoredEvent), total, nextCursor };
  }

  /** A cursor at the current end of the log: where a new poller starts. */
  async head(): Promise<string> {
    const [row]: { tx: string; id: string }[] = await this.db.query(
      `SELECT coalesce(max(tx), 0)::text AS tx, coalesce(max(id), 0)::text AS id FROM events
        WHERE tx < (pg_snapshot_xmin(pg_current_snapshot()))::text::bigint`);
    return `${row.tx}.${row.id}`;
  }
}
