import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { MeasurementEntity, MeasurementKind, MeasurementSource, PG_UNIQUE_VIOLATION, pgCode } from '@tally/database';
import { diffFields, EventsService } from '@tally/events';
import { notFound, paginate, PageRequest } from '@tally/tenancy';
import { DataSource, Repository } from 'typeorm';
import { checkDisplay, DisplayInput, measurementView } from './display';

/** Custom keys look like built-in ones: lower-case words joined by dots, at least two of them. */
export const MEASUREMENT_KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
export const MEASUREMENT_KEY_MAX = 64;

export interface MeasurementInput extends DisplayInput {
  key: string;
  kind: MeasurementKind;
  unit?: string;
  description?: string;
}

/** What ingestion needs to know about a catalog entry. */
export interface CatalogEntry {
  id: number;
  key: string;
  kind: MeasurementKind;
  source: MeasurementSource;
}

/**
 * Entries never change once created, so the cache can only be missing new keys; a miss
 * reloads (at most once a second, so a batch of bogus keys cannot hammer the table), which
 * also picks up keys created through another API replica.
 */
const CACHE_TTL_MS = 5 * 60_000;
const MIN_RELOAD_GAP_MS = 1_000;

@Injectable()
export class MeasurementsService {
  private cache?: { byKey: Map<string, CatalogEntry>; loadedAt: number };
  private loading?: Promise<Map<string, CatalogEntry>>;

  constructor(
    @InjectRepository(MeasurementEntity) private readonly measurements: Repository<MeasurementEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
  ) {}

  list(page: PageRequest & { source?: MeasurementSource; kind?: MeasurementKind }) {
    const qb = this.measurements.createQueryBuilder('m').orderBy('m.key', 'ASC');
    if (page.source) qb.andWhere('m.source = :source', { source: page.source });
    if (page.kind) qb.andWhere('m.kind = :kind', { kind: page.kind });
    return paginate(qb, page);
  }

  async get(key: string): Promise<MeasurementEntity> {
    const measurement = await this.measurements.findOne({ where: { key } });
    if (!measurement) throw notFound('measurement', key);
    return measurement;
  }

  /** Custom measurements are always pushed: Tally has no collector that could read them. */
  async create(input: MeasurementInput): Promise<MeasurementEntity> {
    const unit = input.unit ?? '';
    const display = displayOrFail({ kind: input.kind, unit }, input);
    try {
      const saved = await this.db.transaction(async (tx) => {
        const row = await tx.getRepository(MeasurementEntity).save(
          this.measurements.create({
            key: input.key, kind: input.kind, unit, description: input.description ?? '', source: 'push', builtin: false,
            displayUnit: display.unit ?? null, displayPlaces: input.displayPlaces ?? 3,
          }),
        );
        await this.events.record(tx, { type: 'measurement.created', subject: { type: 'measurement', id: row.key }, data: { measurement: measurementView(row) } });
        return row;
      });
      this.cache = undefined;
      return saved;
    } catch (e) {
      if (pgCode(e) === PG_UNIQUE_VIOLATION) throw new ConflictException(`key: a measurement with key "${input.key}" already exists`);
      throw e;
    }
  }

  /**
   * How a measurement's usage is shown: the one thing about a catalog entry that may change,
   * built-in or not, because it changes no number, only how one is written.
   */
  async updateDisplay(key: string, input: DisplayInput): Promise<MeasurementEntity> {
    const measurement = await this.get(key);
    const before = measurementView(measurement);
    const display = displayOrFail(measurement, input);
    if (display.unit !== undefined) measurement.displayUnit = display.unit;
    if (input.displayPlaces !== undefined) measurement.displayPlaces = input.displayPlaces;
    return this.db.transaction(async (tx) => {
      const saved = await tx.getRepository(MeasurementEntity).save(measurement);
      const changes = diffFields(before, measurementView(saved));
      if (Object.keys(changes).length) {
        await this.events.record(tx, { type: 'measurement.updated', subject: { type: 'measurement', id: key }, data: { measurement: measurementView(saved) }, changes });
      }
      return saved;
    });
  }

  /** Catalog entries for the given keys; unknown keys are simply absent from the map. */
  async resolve(keys: Iterable<string>): Promise<Map<string, CatalogEntry>> {
    let byKey = await this.catalog();
    const wanted = [...new Set(keys)];
    const stale = this.cache && Date.now() - this.cache.loadedAt > MIN_RELOAD_GAP_MS;
    if (stale && wanted.some((k) => !byKey.has(k))) byKey = await this.catalog(true);
    const found = new Map<string, CatalogEntry>();
    for (const k of wanted) {
      const entry = byKey.get(k);
      if (entry) found.set(k, entry);
    }
    return found;
  }

  private async catalog(reload = false): Promise<Map<string, CatalogEntry>> {
    if (!reload && this.cache && Date.now() - this.cache.loadedAt < CACHE_TTL_MS) return this.cache.byKey;
    // Concurrent requests share one load instead of each querying the table.
    this.loading ??= this.measurements
      .find({ select: { id: true, key: true, kind: true, source: true } })
      .then((rows) => {
        const byKey = new Map(rows.map((r) => [r.key, { id: r.id, key: r.key, kind: r.kind, source: r.source }]));
        this.cache = { byKey, loadedAt: Date.now() };
        return byKey;
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}

function displayOrFail(m: { kind: MeasurementKind; unit: string }, input: DisplayInput): { unit?: string | null } {
  const checked = checkDisplay(m, input);
  if (checked.problem) throw new BadRequestException(checked.problem);
  return checked;
}
