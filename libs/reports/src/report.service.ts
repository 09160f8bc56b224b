import { Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { closureRule } from '@tally/metering';
import { pgCode } from '@tally/database';
import { PermitLoad, PermitTimeoutError, Semaphore } from '@tally/runtime';
import { DataSource } from 'typeorm';
import { coverageOf, expectedSlots, reportStatus, usageUnit } from './report-math';
import { REPLICA_LAG_SQL, REPORT_SQL, ReportSqlRow, reportSqlParams } from './report.sql';
import type { ReportHeader, ReportLine } from './report.types';
import type { ReportWindow } from './report-window';

export interface ReportRequest {
  clientId: string;
  window: ReportWindow;
  /** Defaults to the current time; fixed in tests. */
  now?: Date;
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
    const rows: { name: string }[] = await this.db.query(`SELECT name FROM clients WHERE id = $1`, [req.clientId]);
    if (!rows.length) throw new NotFoundException(`client ${req.clientId} not found`);
    const now = req.now ?? new Date();
    const { from, to, tz } = req.window;
    const rule = closureRule(this.config.collection);
    const intervalMs = rule.intervalMs;
    const replicaLagSeconds = await this.replicaLag();
    // A replica further behind than allowed may lack samples a final report would count.
    const behind = replicaLagSeconds !== null && replicaLagSeconds > this.config.database.reports.maxReplicaLagSeconds;
    return {
      clientId: req.clientId,
      clientName: rows[0].name,
      from,
      to,
      tz,
      status: behind ? 'provisional' : reportStatus(to, now, rule),
      replicaLagSeconds,
      intervalMs,
      expectedPerSeries: expectedSlots(from, to, now, intervalMs),
      generatedAt: now,
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
      await runner.query(`DECLARE report_lines NO SCROLL CURSOR FOR ${REPORT_SQL}`, reportSqlParams(header.clientId, header.from, header.to, header.intervalMs));
      for (;;) {
        const batch: ReportSqlRow[] = await runner.query(`FETCH ${REPORT_FETCH_SIZE} FROM report_lines`);
        for (const row of batch) yield toLine(row, header.expectedPerSeries);
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

export function toLine(row: ReportSqlRow, expected: number): ReportLine {
  return {
    projectId: row.project_id,
    projectName: row.project_name,
    resourceId: row.resource_id,
    resourceName: row.resource_name,
    resourceType: row.resource_type,
    resourceActive: row.resource_active,
    measurementId: Number(row.measurement_id),
    measurementKey: row.measurement_key,
    kind: row.kind,
    unit: row.unit,
    usage: Number(row.usage),
    usageUnit: usageUnit(row.kind, row.unit),
    samples: Number(row.samples),
    expected,
    coverage: coverageOf(Number(row.samples), expected),
    min: row.min,
    max: row.max,
    avg: row.avg,
    last: row.last,
    corrections: row.corrections,
    correctedAt: row.corrected_at,
  };
}
