import { Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { closureRule, displayOf } from '@tally/metering';
import { pgCode } from '@tally/database';
import { PermitLoad, PermitTimeoutError, Semaphore } from '@tally/runtime';
import { DataSource } from 'typeorm';
import { coverageOf, expectedSlots, reportStatus, usageUnit } from './report-math';
import { lineDisplay, lineMoney, priceCuts, ReportPricing, segmentBounds, segmentUsages } from './report-pricing';
import { REPLICA_LAG_SQL, reportSql, ReportSqlRow, reportSqlParams } from './report.sql';
import type { ReportHeader, ReportLine } from './report.types';
import type { ReportWindow } from './report-window';

export interface ReportRequest {
  clientId: string;
  window: ReportWindow;
  /** Defaults to the current time; fixed in tests. */
  now?: Date;
  /** The client as the caller already read it (tenant check); read here when absent. */
  client?: { name: string; billingRef: string | null };
  /** The client's prices; none: the lines carry no amount. */
  pricing?: ReportPricing | null;
  /** More instants to split lines at (FOCUS: each day), besides where prices change. */
  cuts?: readonly number[];
}

/** Rows fetched per round trip: large enough to be fast, small enough to keep memory flat. */
export const REPORT_FETCH_SIZE = 1000;

const PG_QUERY_CANCELED = '57014';

/** Every report connection stayed taken for as long as a report may wait in line. */
export class ReportsBusyError extends ServiceUnavailableException {
  constructor(readonly retryAfterSeconds: number, connections: number, waitedMs: number) {
    super(
      `The server is busy with other reports (all ${connections} report connections are in use and none came free within ${waitedMs / 1000} s); ` +
        `nothing was read. Retry after ${retryAfterSeconds} s.`,
    );
  }
}

/** A report statement ran past the statement timeout and Postgres stopped it. */
export class ReportTimeoutError extends ServiceUnavailableException {
  constructor(limitMs: number) {
    super(`The report took longer than the ${limitMs / 1000} s the server allows a report query and was stopped: ask for a shorter window, or retry when the server is less busy.`);
  }
}

/**
 * Builds usage reports. Authorisation (which client a key may see) is the caller's job.
 * Usage: `const h = await reports.header(req); for await (const line of reports.lines(h)) …`
 */
@Injectable()
export class ReportService {
  /** Reports hold a connection for their whole stream, so only a share of the pool may: the rest serves the API. */
  private readonly share: Semaphore;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.share = new Semaphore(config.database.reports.connections);
  }

  /** Report connections in use and reports waiting for one (for health checks). */
  load(): PermitLoad {
    return this.share.load();
  }

  /** Resolves the client and fixes `now`, status and expected slots for the whole report. */
  async header(req: ReportRequest): Promise<ReportHeader> {
    const client = req.client ?? (await this.client(req.clientId));
    const pricing = req.pricing ?? null;
    const now = req.now ?? new Date();
    const { from, to, tz } = req.window;
    const rule = closureRule(this.config.collection);
    const intervalMs = rule.intervalMs;
    const replicaLagSeconds = await this.replicaLag();
    // A replica further behind than allowed may lack samples a final report would count.
    const behind = replicaLagSeconds !== null && replicaLagSeconds > this.config.database.reports.maxReplicaLagSeconds;
    return {
      clientId: req.clientId,
      clientName: client.name,
      clientBillingRef: client.billingRef,
      from,
      to,
      tz,
      status: behind ? 'provisional' : reportStatus(to, now, rule),
      replicaLagSeconds,
      intervalMs,
      expectedPerSeries: expectedSlots(from, to, now, intervalMs),
      generatedAt: now,
      pricing,
      bounds: segmentBounds(from.getTime(), to.getTime(), [...priceCuts(pricing, from.getTime(), to.getTime()), ...(req.cuts ?? [])]),
    };
  }

  /** How far the read replica is behind the primary, in seconds; null when reports read the primary. */
  private async replicaLag(): Promise<number | null> {
    if (!this.config.database.readUrl) return null;
    const runner = this.db.createQueryRunner('slave');
    try {
      const [row]: { lag: number | string | null }[] = await runner.query(REPLICA_LAG_SQL);
      return row.lag === null ? null : Math.round(Number(row.lag) * 10) / 10;
    } finally {
      await runner.release();
    }
  }

  private async client(id: string): Promise<{ name: string; billingRef: string | null }> {
    const rows: { name: string; billing_ref: string | null }[] = await this.db.query(`SELECT name, billing_ref FROM clients WHERE id = $1`, [id]);
    if (!rows.length) throw new NotFoundException(`client ${id} not found`);
    return { name: rows[0].name, billingRef: rows[0].billing_ref };
  }

  /**
   * Streams the lines in report order (project name, resource name, measurement key) through
   * a server-side cursor on a dedicated connection, so a client with thousands of resources
   * never sits in memory at once. Stopping early (break) closes the cursor.
   *
   * The connection comes from the reports' share of the pool (ReportsBusyError when none comes
   * free in time), and each statement runs under the reports' statement timeout
   * (ReportTimeoutError): both before the first line, so a caller still gets a proper error.
   */
  async *lines(header: ReportHeader): AsyncGenerator<ReportLine> {
    const { queueTimeoutMs, statementTimeoutMs } = this.config.database.reports;
    const release = await this.share.acquire(queueTimeoutMs).catch((e: unknown) => {
      if (!(e instanceof PermitTimeoutError)) throw e;
      throw new ReportsBusyError(Math.max(5, Math.ceil(queueTimeoutMs / 1000)), this.share.size, queueTimeoutMs);
    });
    // With DATABASE_READ_URL the lines come from the replica, whose lag the header carries.
    const runner = this.db.createQueryRunner(this.config.database.readUrl ? 'slave' : 'master');
    let connected = false;
    try {
      await runner.connect();
      connected = true;
      // A cursor lives in a transaction; read-only also guards against a future edit of the SQL.
      await runner.query('BEGIN READ ONLY');
      await runner.query(`SET LOCAL statement_timeout = ${Math.trunc(statementTimeoutMs)}`);
      const segmented = header.bounds.length > 2;
      await runner.query(
        `DECLARE report_lines NO SCROLL CURSOR FOR ${reportSql(segmented)}`,
        reportSqlParams(header.clientId, header.from, header.to, header.intervalMs, header.bounds),
      );
      for (;;) {
        const batch: ReportSqlRow[] = await runner.query(`FETCH ${REPORT_FETCH_SIZE} FROM report_lines`);
        for (const row of batch) yield toLine(row, header);
        if (batch.length < REPORT_FETCH_SIZE) break;
      }
    } catch (e) {
      throw pgCode(e) === PG_QUERY_CANCELED ? new ReportTimeoutError(statementTimeoutMs) : e;
    } finally {
      // Also reached when the consumer stops early or the query failed; ROLLBACK drops the cursor.
      if (connected) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release().catch(() => undefined);
      release();
    }
  }
}

function toLine(row: ReportSqlRow, header: ReportHeader): ReportLine {
  const expected = header.expectedPerSeries;
  const usage = Number(row.usage);
  const unitOfUsage = usageUnit(row.kind, row.unit);
  const segmentUsage = segmentUsages(usage, header.bounds, row.segment_index, row.segment_usage);
  const display = lineDisplay(usage, unitOfUsage, displayOf({ kind: row.kind, unit: row.unit, displayUnit: row.display_unit, displayPlaces: Number(row.display_places) }));
  return {
    projectId: row.project_id,
    projectName: row.project_name,
    projectBillingRef: row.project_billing_ref,
    resourceId: row.resource_id,
    resourceName: row.resource_name,
    resourceType: row.resource_type,
    resourceActive: row.resource_active,
    measurementId: Number(row.measurement_id),
    measurementKey: row.measurement_key,
    kind: row.kind,
    unit: row.unit,
    usage,
    usageUnit: unitOfUsage,
    samples: Number(row.samples),
    expected,
    coverage: coverageOf(Number(row.samples), expected),
    min: row.min,
    max: row.max,
    avg: row.avg,
    last: row.last,
    corrections: row.corrections,
    correctedAt: row.corrected_at,
    labels: row.resource_labels ?? {},
    displayUsage: display.value,
    displayUnit: display.unit,
    segmentUsage,
    ...lineMoney(header.pricing, row.measurement_key, unitOfUsage, header.bounds, segmentUsage),
  };
}
