import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CorrectionEntity } from '@tally/database';
import { notFound, PageRequest } from '@tally/tenancy';
import { DataSource, EntityManager } from 'typeorm';

/** Who applied a correction, as recorded. */
export interface CorrectionActor {
  apiKeyId: string;
  apiKeyName: string;
  apiKeyRole: string;
  requestId: string;
}

export interface CorrectionQuery extends PageRequest {
  resourceId?: string;
  clientId?: string;
  /** Corrections that changed data with ts ≥ from … */
  from?: Date;
  /** … and ts < to. */
  to?: Date;
}

/** A correction as the API shows it (GET /corrections/{id} without its changes, and the correction.applied event). */
export interface CorrectionView {
  id: string;
  reason: string;
  createdAt: string;
  by: { apiKeyId: string; name: string; role: string };
  requestId: string;
  items: { samples: number; deletes: number; inserted: number; updated: number; deleted: number; unchanged: number };
  changedFrom: string | null;
  changedTo: string | null;
}

export function correctionView(c: CorrectionEntity): CorrectionView {
  return {
    id: c.id,
    reason: c.reason,
    createdAt: c.createdAt.toISOString(),
    by: { apiKeyId: c.apiKeyId, name: c.apiKeyName, role: c.apiKeyRole },
    requestId: c.requestId,
    items: { samples: c.sampleItems, deletes: c.deleteItems, inserted: c.inserted, updated: c.updated, deleted: c.deleted, unchanged: c.unchanged },
    changedFrom: c.firstTs?.toISOString() ?? null,
    changedTo: c.lastTs?.toISOString() ?? null,
  };
}

/** A series a correction changed, over all its days. */
export interface CorrectedSeries {
  resourceId: string;
  measurement: string;
  clientId: string;
  from: string;
  to: string;
  changes: number;
}

/** One changed sample, as GET /corrections/{id} lists it. */
export interface CorrectionChange {
  resourceId: string;
  measurement: string;
  ts: Date;
  before: number | null;
  after: number | null;
}

const COLUMNS = `id, reason, api_key_id AS "apiKeyId", api_key_name AS "apiKeyName", api_key_role AS "apiKeyRole",
  request_id AS "requestId", created_at AS "createdAt", sample_items AS "sampleItems", delete_items AS "deleteItems",
  inserted, updated, deleted, unchanged, first_ts AS "firstTs", last_ts AS "lastTs"`;

/** The corrections tables: written once per correction, in its transaction; read by the API. */
@Injectable()
export class CorrectionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Records a correction from `diff` (what SamplesService.applyStaged changed), inside the
   * transaction that changed it: the correction, each change, and the series and UTC days it
   * touched with the resource's client.
   */
  async record(
    tx: EntityManager, diff: string, actor: CorrectionActor, reason: string,
    items: { sampleItems: number; deleteItems: number; inserted: number; updated: number; deleted: number; unchanged: number },
    clients: ReadonlyMap<string, string>,
  ): Promise<CorrectionEntity> {
    const [correction]: CorrectionEntity[] = await tx.query(
      `INSERT INTO corrections (reason, api_key_id, api_key_name, api_key_role, request_id,
                                sample_items, delete_items, inserted, updated, deleted, unchanged, first_ts, last_ts)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, min(ts), max(ts) FROM ${diff}
       RETURNING ${COLUMNS}`,
      [reason, actor.apiKeyId, actor.apiKeyName, actor.apiKeyRole, actor.requestId,
        items.sampleItems, items.deleteItems, items.inserted, items.updated, items.deleted, items.unchanged],
    );
    await tx.query(
      `INSERT INTO correction_changes (correction_id, resource_id, measurement_id, ts, before_value, after_value)
       SELECT $1, resource_id, measurement_id, ts, before_value, after_value FROM ${diff}`,
      [correction.id],
    );
    await tx.query(
      `INSERT INTO correction_series (correction_id, resource_id, measurement_id, first_ts, last_ts, client_id, changes)
       SELECT $1, d.resource_id, d.measurement_id, min(d.ts), max(d.ts), o.client_id, count(*)::int
         FROM ${diff} d JOIN unnest($2::uuid[], $3::uuid[]) AS o(resource_id, client_id) ON o.resource_id = d.resource_id
        GROUP BY d.resource_id, d.measurement_id, o.client_id, date_trunc('day', d.ts AT TIME ZONE 'UTC')`,
      [correction.id, [...clients.keys()], [...clients.values()]],
    );
    return correction;
  }

  /** Newest first; the filters select corrections with a changed series matching all of them. */
  /** The series a correction changed (the first `limit`, by resource and measurement), and how many there are. */
  async series(tx: EntityManager, id: string, limit: number): Promise<{ items: CorrectedSeries[]; total: number }> {
    const rows: (CorrectedSeries & { total: number })[] = await tx.query(
      `SELECT cs.resource_id AS "resourceId", m.key AS measurement, cs.client_id AS "clientId",
              min(cs.first_ts) AS "from", max(cs.last_ts) AS "to", sum(cs.changes)::int AS changes, count(*) OVER ()::int AS total
         FROM correction_series cs JOIN measurements m ON m.id = cs.measurement_id
        WHERE cs.correction_id = $1
        GROUP BY cs.resource_id, m.key, cs.client_id
        ORDER BY cs.resource_id, m.key LIMIT $2`,
      [id, limit],
    );
    const items = rows.map(({ total: _, from, to, ...r }) => ({ ...r, from: new Date(from).toISOString(), to: new Date(to).toISOString() }));
    return { items, total: rows[0]?.total ?? 0 };
  }

  async list(query: CorrectionQuery): Promise<{ items: CorrectionEntity[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.resourceId) where.push(`cs.resource_id = $${params.push(query.resourceId)}`);
    if (query.clientId) where.push(`cs.client_id = $${params.push(query.clientId)}`);
    if (query.from) where.push(`cs.last_ts >= $${params.push(query.from.toISOString())}`);
    if (query.to) where.push(`cs.first_ts < $${params.push(query.to.toISOString())}`);
    const filter = where.length ? `WHERE EXISTS (SELECT 1 FROM correction_series cs WHERE cs.correction_id = c.id AND ${where.join(' AND ')})` : '';
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${COLUMNS} FROM corrections c ${filter} ORDER BY c.created_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, query.offset],
      ) as Promise<CorrectionEntity[]>,
      this.db.query(`SELECT count(*)::int AS total FROM corrections c ${filter}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items, total };
  }

  async get(id: string): Promise<CorrectionEntity> {
    const [row]: CorrectionEntity[] = await this.db.query(`SELECT ${COLUMNS} FROM corrections WHERE id = $1`, [id]);
    if (!row) throw notFound('correction', id);
    return row;
  }

  /** A correction's changes in key order (resource, measurement, ts), which its primary key serves page by page. */
  async changes(id: string, page: PageRequest): Promise<{ items: CorrectionChange[]; total: number }> {
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT c.resource_id AS "resourceId", m.key AS measurement, c.ts, c.before_value AS before, c.after_value AS after
           FROM correction_changes c JOIN measurements m ON m.id = c.measurement_id
          WHERE c.correction_id = $1 ORDER BY c.resource_id, c.measurement_id, c.ts LIMIT $2 OFFSET $3`,
        [id, page.limit, page.offset],
      ) as Promise<CorrectionChange[]>,
      this.db.query(`SELECT count(*)::int AS total FROM correction_changes WHERE correction_id = $1`, [id]) as Promise<{ total: number }[]>,
    ]);
    return { items, total };
  }
}
