import { checkSampleItem, ItemProblem, SAMPLE_FIELDS } from '../sample-batch';
import type { MeasurementsService } from '../measurements.service';
import type { RawCorrectionItem } from './correction-input';

/** One reason one item of a correction was refused; `item` names it as the caller sent it. */
export interface CorrectionItemError {
  item: string;
  field: string;
  message: string;
}

export type RankedError = CorrectionItemError & { ordinal: number };

/** An answer listing a million errors helps nobody. */
export const MAX_LISTED_ERRORS = 1_000;
const MONTH = (ms: number) => { const d = new Date(ms); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); };

/**
 * Checks a correction's items as they stream in and turns the good ones into COPY lines for
 * the staging table (item, resource_id, measurement_id, ts, value; a NULL value deletes).
 * Keeps only what a correction needs whatever its size: counts, the first errors, the set of
 * resources (bounded by the inventory, not the request), the months to partition and the ts
 * range. Duplicates and unknown resources are found afterwards, in the staged rows.
 */
export class CorrectionStaging {
  readonly errors: RankedError[] = [];
  errorCount = 0;
  staged = 0;
  sampleItems = 0;
  deleteItems = 0;
  readonly resources = new Set<string>();
  private readonly months = new Set<number>();
  private first = Infinity;
  private last = -Infinity;

  constructor(
    private readonly now: number,
    private readonly measurements: Pick<MeasurementsService, 'resolve'>,
  ) {}

  /** Months that receive new samples, whose partitions must exist before the apply. */
  get upsertMonths(): Date[] {
    return [...this.months].map((ms) => new Date(ms));
  }

  /** Every staged ts lies in this range. */
  get range(): { from: Date; to: Date } {
    return { from: new Date(this.first), to: new Date(this.last) };
  }

  /** COPY text, one piece per batch of items. */
  async *copyLines(batches: AsyncIterable<RawCorrectionItem[]>): AsyncGenerator<string> {
    for await (const batch of batches) {
      const shaped: [RawCorrectionItem, NonNullable<ReturnType<typeof checkSampleItem>>][] = [];
      const problems: ItemProblem[] = [];
      for (const raw of batch) {
        if (raw.op === 'upsert') this.sampleItems++;
        else this.deleteItems++;
        problems.length = 0;
        if (raw.problem) problems.push(raw.problem);
        const checked = raw.problem ? undefined : checkSampleItem(raw.item, raw.at, this.now, problems, raw.op === 'upsert');
        if (checked) shaped.push([raw, checked]);
        else this.fail(raw, problems);
      }
      const catalog = await this.measurements.resolve(shaped.map(([, c]) => c.measurement));
      let piece = '';
      for (const [raw, c] of shaped) {
        const measurement = catalog.get(c.measurement);
        if (!measurement) {
          this.fail(raw, [{ field: 'measurement', message: `${raw.at}.measurement: measurement ${c.measurement} not found in the catalog (GET /api/v1/measurements)` }]);
          continue;
        }
        this.staged++;
        this.resources.add(c.resourceId);
        if (c.ts < this.first) this.first = c.ts;
        if (c.ts > this.last) this.last = c.ts;
        if (c.value !== null) this.months.add(MONTH(c.ts));
        // Every column is typed (int, uuid, smallint, timestamptz, float8): nothing needs escaping.
        piece += `${raw.ordinal}\t${c.resourceId}\t${measurement.id}\t${new Date(c.ts).toISOString()}\t${c.value === null ? '\\N' : c.value}\n`;
      }
      if (piece) yield piece;
    }
  }

  private fail(raw: RawCorrectionItem, problems: readonly ItemProblem[]): void {
    this.errorCount += problems.length;
    // Items arrive in order, so the first errors kept are the lowest items.
    for (const p of problems) if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push({ ordinal: raw.ordinal, item: raw.at, ...p });
  }
}

/** Orders errors by item, then by field in the order an item is written; keeps the first listed. */
export function listedErrors(errors: RankedError[]): CorrectionItemError[] {
  const rank = (f: string) => ['item', ...SAMPLE_FIELDS].indexOf(f);
  return errors
    .sort((a, b) => a.ordinal - b.ordinal || rank(a.field) - rank(b.field))
    .slice(0, MAX_LISTED_ERRORS)
    .map(({ item, field, message }) => ({ item, field, message }));
}
