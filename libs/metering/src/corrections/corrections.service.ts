import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { copyText, CorrectionEntity } from '@tally/database';
import { EventsService } from '@tally/events';
import { PageRequest } from '@tally/tenancy';
import { DataSource, QueryRunner } from 'typeorm';
import { MeasurementsService } from '../measurements.service';
import { SamplesService } from '../samples.service';
import { checkReason, CorrectionInput } from './correction-input';
import { CorrectionItemError, CorrectionStaging, listedErrors, MAX_LISTED_ERRORS, RankedError } from './correction-staging';
import { CorrectionActor, CorrectionChange, CorrectionQuery, CorrectionsRepository, correctionView } from './corrections.repository';

/** Series listed in a correction.applied event; a backfill over thousands of resources says how many more. */
const EVENT_SERIES = 1_000;
/** Session-local tables: each correction runs on a connection of its own. */
const STAGE = 'correction_items';
const DIFF = 'correction_diff';

/**
 * Corrections (design §7): the one way to change closed periods, and open ones too, recorded
 * with who, when, why and every sample's before and after.
 *
 * A correction streams: its items are checked as they arrive and COPYed into a temporary
 * table, so a million of them cost the API a few megabytes, not the request. Items are named
 * in errors as sent (samples[3], deletes[0], line 7). Once staged, the rows are checked for
 * what needs all of them (repeats, unknown resources); any problem refuses the whole
 * correction with a 400 listing each bad item. Then one transaction applies the rows through
 * SamplesService (the samples table's owner) and records the correction; it is all or nothing.
 */
@Injectable()
export class CorrectionsService {
  private readonly logger = new Logger('Corrections');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly measurements: MeasurementsService,
    private readonly samples: SamplesService,
    private readonly records: CorrectionsRepository,
    private readonly events: EventsService,
  ) {}

  async apply(actor: CorrectionActor, input: CorrectionInput): Promise<CorrectionEntity> {
    const reason = checkReason(input.reason);
    const staging = new CorrectionStaging(Date.now(), this.measurements);
    const runner = this.db.createQueryRunner();
    await runner.connect();
    const started = Date.now();
    try {
      await runner.query(`DROP TABLE IF EXISTS pg_temp.${STAGE}`);
      await runner.query(`CREATE TEMPORARY TABLE ${STAGE} (item integer NOT NULL, resource_id uuid NOT NULL, measurement_id smallint NOT NULL, ts timestamptz NOT NULL, value float8)`);
      await inTransaction(runner, () => copyText(runner.manager, STAGE, ['item', 'resource_id', 'measurement_id', 'ts', 'value'], staging.copyLines(input.batches)));
      const staged = Date.now();
      const clients = await this.checkStaged(runner, staging, input);
      // Partitions lock the samples table while they are made: before the apply, not in it.
      await this.samples.ensurePartitions(staging.upsertMonths);
      await runner.query(`ANALYZE ${STAGE}`);
      const checked = Date.now();
      const correction = await inTransaction(runner, async () => {
        const changed = await this.samples.applyStaged(runner.manager, STAGE, DIFF, staging.range);
        const unchanged = staging.staged - changed.inserted - changed.updated - changed.deleted;
        const items = { sampleItems: staging.sampleItems, deleteItems: staging.deleteItems, ...changed, unchanged };
        const recorded = await this.records.record(runner.manager, DIFF, actor, reason, items, clients);
        const series = await this.records.series(runner.manager, recorded.id, EVENT_SERIES);
        // Installation-wide (no clientId), like the correction itself: its reason may concern several clients.
        await this.events.record(runner.manager, {
          type: 'correction.applied', subject: { type: 'correction', id: recorded.id }, clientId: null,
          data: { correction: { ...correctionView(recorded), series: series.items, seriesTotal: series.total } },
        });
        return recorded;
      });
      const { id, inserted, updated, deleted, unchanged } = correction;
      this.logger.log({
        correctionId: id, requestId: actor.requestId, apiKeyId: actor.apiKeyId, inserted, updated, deleted, unchanged,
        stageMs: staged - started, checkMs: checked - staged, applyMs: Date.now() - checked,
      }, 'correction applied');
      return correction;
    } finally {
      await runner.query(`DROP TABLE IF EXISTS pg_temp.${STAGE}`).catch(() => undefined);
      await runner.release();
    }
  }

  list(query: CorrectionQuery): Promise<{ items: CorrectionEntity[]; total: number }> {
    return this.records.list(query);
  }

  get(id: string): Promise<CorrectionEntity> {
    return this.records.get(id);
  }

  changes(id: string, page: PageRequest): Promise<{ items: CorrectionChange[]; total: number }> {
    return this.records.changes(id, page);
  }

  /** Refuses the correction if any item is bad; returns each staged resource's client. */
  private async checkStaged(runner: QueryRunner, staging: CorrectionStaging, input: CorrectionInput): Promise<Map<string, string>> {
    const errors: RankedError[] = [...staging.errors];
    let count = staging.errorCount;
    const label = (row: { item: number; deletes: boolean }) => input.label(row.item, row.deletes ? 'delete' : 'upsert');

    const clients = await this.samples.resourceClients([...staging.resources]);
    const unknown = [...staging.resources].filter((id) => !clients.has(id));
    if (unknown.length) {
      const rows: { item: number; deletes: boolean; resource_id: string; n: number }[] = await runner.query(
        `SELECT item, value IS NULL AS deletes, resource_id, count(*) OVER ()::int AS n
           FROM ${STAGE} WHERE resource_id = ANY($1::uuid[]) ORDER BY item LIMIT ${MAX_LISTED_ERRORS}`,
        [unknown],
      );
      count += rows[0]?.n ?? 0;
      for (const r of rows) errors.push({ ordinal: r.item, item: label(r), field: 'resourceId', message: `${label(r)}.resourceId: resource ${r.resource_id} not found` });
    }

    const [{ repeats }]: { repeats: number }[] = await runner.query(
      `SELECT coalesce(sum(n - 1), 0)::int AS repeats FROM (SELECT count(*) AS n FROM ${STAGE} GROUP BY resource_id, measurement_id, ts HAVING count(*) > 1) g`,
    );
    if (repeats) {
      count += repeats;
      const rows: { item: number; deletes: boolean; first: number; first_deletes: boolean }[] = await runner.query(
        `SELECT item, deletes, first, first_deletes FROM (
           SELECT item, value IS NULL AS deletes, first_value(item) OVER w AS first, first_value(value IS NULL) OVER w AS first_deletes
             FROM ${STAGE} WINDOW w AS (PARTITION BY resource_id, measurement_id, ts ORDER BY item)) d
          WHERE item <> first ORDER BY item LIMIT ${MAX_LISTED_ERRORS}`,
      );
      for (const r of rows) {
        const first = label({ item: r.first, deletes: r.first_deletes });
        errors.push({ ordinal: r.item, item: label(r), field: 'ts', message: `${label(r)} repeats ${first}: same resourceId, measurement and ts; send one change per sample` });
      }
    }
    if (count) throw correctionRefused(listedErrors(errors), count);
    return clients;
  }
}

async function inTransaction<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
  await runner.startTransaction();
  try {
    const result = await work();
    await runner.commitTransaction();
    return result;
  } catch (e) {
    await runner.rollbackTransaction().catch(() => undefined);
    throw e;
  }
}

function correctionRefused(listed: CorrectionItemError[], count: number): BadRequestException {
  const firstFew = listed.slice(0, 3).map((e) => e.message).join('; ');
  const more = count > listed.length ? ` (the first ${listed.length} are listed)` : '';
  return new BadRequestException({
    message: `corrections: ${count} ${count === 1 ? 'problem' : 'problems'} in the items and nothing was changed${more}: ${firstFew}${count > 3 ? '; …' : ''}`,
    errors: listed,
  });
}
