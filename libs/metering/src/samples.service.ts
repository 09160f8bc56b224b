import { BadRequestException, ConflictException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { copyText } from '@tally/database';
import { notFound, PageRequest, Principal, tenantOf } from '@tally/tenancy';
import { DataSource, EntityManager } from 'typeorm';
import { closedBefore, closureRule } from './closed-periods';
import { MeasurementsService } from './measurements.service';
import { CheckedSample, checkSampleItems, inSampleRange, MAX_SAMPLES_PER_REQUEST, SAMPLE_VALUE_RANGE_TEXT, SampleItemError, sortItemErrors } from './sample-batch';
import { queryInstant } from './timestamps';

/** One row for the samples table; the collection worker writes these too. */
export interface SampleRow {
  resourceId: string;
  measurementId: number;
  ts: Date;
  value: number;
  /** Kernel boot id, for counters read over SSH. */
  bootId?: string | null;
}

export interface SampleQuery extends PageRequest {
  measurement?: string;
  from?: string;
  to?: string;
}

/** Rows per string handed to a COPY stream. */
const COPY_PIECE = 5_000;
/** Arrays travel as one parameter each, so the chunk size only bounds statement memory. */
const WRITE_CHUNK = 10_000;
/** An answer listing 10,000 errors helps nobody and weighs a megabyte. */
const MAX_LISTED_ERRORS = 1_000;
const MONTH_MS = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);

const UPSERT = `
  INSERT INTO samples (resource_id, measurement_id, ts, value, boot_id)
  SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::timestamptz[], $4::float8[], $5::uuid[])
  ON CONFLICT (resource_id, measurement_id, ts) DO UPDATE SET value = EXCLUDED.value, boot_id = EXCLUDED.boot_id`;

@Injectable()
export class SamplesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly measurements: MeasurementsService,
  ) {}

  /**
   * Upserts rows on their natural key, all or nothing. Within one call a repeated key keeps
   * its last row (Postgres refuses to update one row twice in a statement). Pass `manager`
   * to write inside the caller's transaction. Returns the number of distinct rows written.
   */
  async writeSamples(rows: readonly SampleRow[], manager?: EntityManager): Promise<number> {
    const unique = new Map<string, SampleRow>();
    for (const row of rows) {
      assertInRange(row);
      unique.set(`${row.resourceId}|${row.measurementId}|${row.ts.getTime()}`, row);
    }
    if (!unique.size) return 0;
    const batch = [...unique.values()];
    await this.ensurePartitions(batch.map((r) => r.ts), manager);
    const write = async (tx: EntityManager) => {
      for (let i = 0; i < batch.length; i += WRITE_CHUNK) {
        const chunk = batch.slice(i, i + WRITE_CHUNK);
        await tx.query(UPSERT, [
          chunk.map((r) => r.resourceId),
          chunk.map((r) => r.measurementId),
          chunk.map((r) => r.ts.toISOString()),
          chunk.map((r) => r.value),
          chunk.map((r) => r.bootId ?? null),
        ]);
      }
    };
    if (manager) await write(manager);
    else await this.db.transaction(write);
    return batch.length;
  }

  /**
   * Makes the monthly partitions these timestamps fall in. Call it before, not inside, a write
   * transaction: creating a partition locks the parent table, and holding that lock for the
   * whole write would stall every reader.
   */
  async ensurePartitions(timestamps: readonly Date[], manager?: EntityManager): Promise<void> {
    // A month once made stays made for this process: the collector writes one month for
    // weeks, one persist job after another. Partitions are never dropped while writers run.
    const months = [...new Set(timestamps.map(MONTH_MS))].filter((ms) => !this.partitionsMade.has(ms));
    if (!months.length) return;
    await (manager ?? this.db).query(`SELECT tally_ensure_sample_partitions(m, m) FROM unnest($1::timestamptz[]) AS m`, [months.map((ms) => new Date(ms).toISOString())]);
    if (!manager) months.forEach((ms) => this.partitionsMade.add(ms));
  }

  private readonly partitionsMade = new Set<number>();

  /**
   * Inserts rows that must not exist yet, with COPY, inside the caller's transaction (made
   * after ensurePartitions). Any existing key fails it with a unique violation (23505) and the
   * transaction with it; the caller then falls back to writeSamples, which upserts.
   */
  async insertNew(rows: readonly SampleRow[], manager: EntityManager): Promise<number> {
    // Every column is typed (uuid, smallint, timestamptz, float8): no value needs escaping,
    // and a slot's rows share one timestamp, formatted once.
    function* lines() {
      let ts: Date | undefined;
      let iso = '';
      for (let i = 0; i < rows.length; i += COPY_PIECE) {
        let piece = '';
        for (const r of rows.slice(i, i + COPY_PIECE)) {
          assertInRange(r);
          if (r.ts !== ts) [ts, iso] = [r.ts, r.ts.toISOString()];
          piece += `${r.resourceId}\t${r.measurementId}\t${iso}\t${r.value}\t${r.bootId ?? '\\N'}\n`;
        }
        yield piece;
      }
    }
    if (rows.length) await copyText(manager, 'samples', ['resource_id', 'measurement_id', 'ts', 'value', 'boot_id'], lines());
    return rows.length;
  }

  /**
   * A pushed batch: every item is checked before anything is written, and one bad item
   * rejects the batch with a list naming each bad item. For a client key, another client's
   * resource reads "not found", exactly like a missing one, so pushing never probes existence.
   *
   * Precedence: a batch with any malformed or unknown item is a 400 (it could never be stored
   * as sent, not even as a correction); only a batch that is right in every item but reaches
   * into a closed period is a 409, listing those items and the boundary, and pointing to
   * corrections. Either way nothing is stored.
   */
  async ingest(principal: Principal, items: unknown): Promise<{ accepted: number }> {
    if (!Array.isArray(items)) throw new BadRequestException('samples must be an array of { resourceId, measurement, ts, value }');
    if (items.length === 0) throw new BadRequestException('samples must contain at least one sample');
    if (items.length > MAX_SAMPLES_PER_REQUEST) {
      throw new PayloadTooLargeException(`samples: at most ${MAX_SAMPLES_PER_REQUEST} samples per request (got ${items.length}); split the batch`);
    }
    const now = Date.now();
    const { samples, errors } = checkSampleItems(items, now);
    const tenant = tenantOf(principal);
    const owners = await this.resourceClients([...new Set(samples.map((s) => s.resourceId))]);
    const catalog = await this.measurements.resolve(samples.map((s) => s.measurement));
    const rows: SampleRow[] = [];
    for (const s of samples) {
      const owner = owners.get(s.resourceId);
      const measurement = catalog.get(s.measurement);
      const at = `samples[${s.index}]`;
      if (owner === undefined || (tenant && owner !== tenant)) {
        errors.push({ index: s.index, field: 'resourceId', message: `${at}.resourceId: resource ${s.resourceId} not found` });
      }
      if (!measurement) {
        const message = `${at}.measurement: measurement ${s.measurement} not found in the catalog (GET /api/v1/measurements)`;
        errors.push({ index: s.index, field: 'measurement', message });
      } else if (tenant && measurement.source !== 'push') {
        // Collected values are what clients are billed on; a client must not overwrite them.
        const message = `${at}.measurement: ${s.measurement} is collected by Tally (source ${measurement.source}); client keys may push only measurements of source push`;
        errors.push({ index: s.index, field: 'measurement', message });
      }
      if (measurement) rows.push({ resourceId: s.resourceId, measurementId: measurement.id, ts: new Date(s.ts), value: s.value });
    }
    if (errors.length) throw batchRejected(sortItemErrors(errors), items.length);
    const boundary = closedBefore(now, closureRule(this.config.collection));
    const closed = samples.filter((s) => s.ts < boundary.getTime());
    if (closed.length) throw closedPeriod(closed, items.length, boundary);
    await this.writeSamples(rows);
    return { accepted: rows.length };
  }

  /** Samples of one resource in [from, to), ordered by ts then measurement key. */
  async list(principal: Principal, resourceId: string, query: SampleQuery) {
    const tenant = tenantOf(principal) ?? null;
    const [visible] = await this.db.query(
      `SELECT 1 FROM resources r JOIN projects p ON p.id = r.project_id WHERE r.id = $1 AND ($2::uuid IS NULL OR p.client_id = $2)`,
      [resourceId, tenant],
    );
    if (!visible) throw notFound('resource', resourceId);
    const from = queryInstant('from', query.from);
    const to = queryInstant('to', query.to);
    if (from !== undefined && to !== undefined && to <= from) throw new BadRequestException('to must be later than from');

    const where = ['s.resource_id = $1'];
    const params: unknown[] = [resourceId];
    if (query.measurement !== undefined) {
      const entry = (await this.measurements.resolve([query.measurement])).get(query.measurement);
      if (!entry) throw new BadRequestException(`measurement: measurement ${query.measurement} not found in the catalog`);
      params.push(entry.id);
      where.push(`s.measurement_id = $${params.length}`);
    }
    if (from !== undefined) where.push(`s.ts >= $${params.push(new Date(from).toISOString())}`);
    if (to !== undefined) where.push(`s.ts < $${params.push(new Date(to).toISOString())}`);
    const filter = where.join(' AND ');
    // Sample reads go to the read replica when there is one (DATABASE_READ_URL), as reports do;
    // without one a 'slave' runner is a primary connection.
    const replica = this.db.createQueryRunner('slave');
    try {
      const [items, [{ total }]] = await Promise.all([
        this.db.query(
          `SELECT m.key AS measurement, s.ts, s.value FROM samples s JOIN measurements m ON m.id = s.measurement_id
            WHERE ${filter} ORDER BY s.ts, m.key LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
          [...params, query.limit, query.offset],
          replica,
        ) as Promise<{ measurement: string; ts: Date; value: number }[]>,
        this.db.query(`SELECT count(*)::int AS total FROM samples s WHERE ${filter}`, params, replica) as Promise<{ total: number }[]>,
      ]);
      return { items, total };
    } finally {
      await replica.release();
    }
  }

  /**
   * Applies changes staged in `staged` (a table of resource_id, measurement_id, ts, value; a
   * NULL value deletes the sample) inside the caller's transaction, and leaves in `diff` (a
   * temporary table dropped at commit) each sample that changed: resource_id, measurement_id,
   * ts, before_value, after_value (NULL before: inserted; NULL after: deleted). Items that
   * change nothing (the stored value again, a delete of nothing) are not in `diff`. Existing
   * rows are locked before their values are read, so `before` is what was overwritten. Every
   * staged ts lies in [range.from, range.to]; that bound prunes partitions. A sample's boot id
   * is kept when its value is replaced, and empty when it is inserted. Make the partitions of
   * inserted samples first (ensurePartitions), outside the transaction.
   */
  async applyStaged(tx: EntityManager, staged: string, diff: string, range: { from: Date; to: Date }): Promise<{ inserted: number; updated: number; deleted: number }> {
    for (const name of [staged, diff]) if (!/^[a-z_]+$/.test(name)) throw new Error(`not a table name: ${name}`);
    const bounds = [range.from.toISOString(), range.to.toISOString()];
    const matches = `s.resource_id = i.resource_id AND s.measurement_id = i.measurement_id AND s.ts = i.ts AND s.ts BETWEEN $1 AND $2`;
    await tx.query(`SELECT count(*) FROM (SELECT 1 FROM samples s JOIN ${staged} i ON ${matches} FOR UPDATE OF s) locked`, bounds);
    await tx.query(
      `CREATE TEMPORARY TABLE ${diff} ON COMMIT DROP AS
       SELECT i.resource_id, i.measurement_id, i.ts, s.value AS before_value, i.value AS after_value
         FROM ${staged} i LEFT JOIN samples s ON ${matches}
        WHERE s.value IS DISTINCT FROM i.value`,
      bounds,
    );
    await tx.query(
      `DELETE FROM samples s USING ${diff} i WHERE i.after_value IS NULL AND ${matches}`,
      bounds,
    );
    await tx.query(
      `INSERT INTO samples (resource_id, measurement_id, ts, value)
       SELECT resource_id, measurement_id, ts, after_value FROM ${diff} WHERE after_value IS NOT NULL
       ON CONFLICT (resource_id, measurement_id, ts) DO UPDATE SET value = EXCLUDED.value`,
    );
    const [counts]: { inserted: number; updated: number; deleted: number }[] = await tx.query(
      `SELECT count(*) FILTER (WHERE before_value IS NULL)::int AS inserted,
              count(*) FILTER (WHERE before_value IS NOT NULL AND after_value IS NOT NULL)::int AS updated,
              count(*) FILTER (WHERE after_value IS NULL)::int AS deleted
         FROM ${diff}`,
    );
    return counts;
  }

  /** Resource id → owning client id, for the ids that exist; one query for the whole batch. */
  async resourceClients(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; client_id: string }[] = await this.db.query(
      `SELECT r.id, p.client_id FROM resources r JOIN projects p ON p.id = r.project_id WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.client_id]));
  }
}

function closedPeriod(closed: CheckedSample[], total: number, boundary: Date): ConflictException {
  const before = boundary.toISOString();
  const errors: SampleItemError[] = closed.slice(0, MAX_LISTED_ERRORS).map((s) => ({
    index: s.index, field: 'ts', message: `samples[${s.index}].ts ${new Date(s.ts).toISOString()} is before ${before}, in a closed period`,
  }));
  return new ConflictException({
    message: `samples: ${closed.length} of ${total} samples fall in a closed period and nothing was stored: data before ${before} `
      + 'is final (reports over it may already say so). Send them as a correction: POST /api/v1/corrections',
    closedBefore: before,
    errors,
  });
}

/** Callers check values first (a 400, or a reason on a run); reaching this is a bug. */
function assertInRange(row: SampleRow): void {
  if (!inSampleRange(row.value)) throw new RangeError(`sample value ${row.value} for resource ${row.resourceId} is not ${SAMPLE_VALUE_RANGE_TEXT}`);
}

function batchRejected(errors: SampleItemError[], total: number): BadRequestException {
  const bad = new Set(errors.map((e) => e.index)).size;
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  const firstFew = listed.slice(0, 3).map((e) => e.message).join('; ');
  const more = errors.length > listed.length ? ` (the first ${MAX_LISTED_ERRORS} errors are listed)` : '';
  return new BadRequestException({
    message: `samples: ${bad} of ${total} samples are invalid and nothing was stored${more}: ${firstFew}${errors.length > 3 ? '; …' : ''}`,
    errors: listed,
  });
}
