import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { COLLECTED_RESOURCE_TYPES } from '@tally/database';
import { closureRule } from '@tally/metering';
import { DataSource } from 'typeorm';
import { coverageOf, expectedSlots } from './report-math';
import { REPORT_SUMMARY_SQL, ReportSummarySqlRow } from './report-summary.sql';
import type { ReportWindow } from './report-window';

/**
 * ok: every active collected resource had an ok outcome in the latest collection run; partial:
 * some did; failed: none did; pushed: the client has only push-only resources (nothing to
 * collect, so nothing can fail); none: no active resources, or no collection has run yet.
 */
export const SUMMARY_STATUSES = ['ok', 'partial', 'failed', 'pushed', 'none'] as const;
export type SummaryStatus = (typeof SUMMARY_STATUSES)[number];

export interface ClientSummary {
  id: string;
  name: string;
  billingRef: string | null;
  active: boolean;
  resources: { collected: number; pushed: number; inactive: number; collectedOk: number };
  /** Report lines, samples and expected summed over them, as the client's report totals have them. */
  lines: number;
  samples: number;
  expected: number;
  coverage: number | null;
  status: SummaryStatus;
}

export interface SummaryRequest {
  /** Only this client (a client key's own); undefined for every client. */
  clientId?: string;
  window: ReportWindow;
  now?: Date;
}

@Injectable()
export class ReportSummaryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** One statement for every client, however many there are. */
  async summary(req: SummaryRequest): Promise<{ generatedAt: Date; expectedPerLine: number; clients: ClientSummary[] }> {
    const now = req.now ?? new Date();
    const { from, to } = req.window;
    const perLine = expectedSlots(from, to, now, closureRule(this.config.collection).intervalMs);
    const rows: ReportSummarySqlRow[] = await this.db.query(REPORT_SUMMARY_SQL, [
      req.clientId ?? null, from.toISOString(), to.toISOString(), [...COLLECTED_RESOURCE_TYPES],
    ]);
    return { generatedAt: now, expectedPerLine: perLine, clients: rows.map((r) => toSummary(r, perLine)) };
  }
}

function toSummary(r: ReportSummarySqlRow, perLine: number): ClientSummary {
  const samples = Number(r.samples);
  const expected = r.lines * perLine;
  return {
    id: r.id,
    name: r.name,
    billingRef: r.billing_ref,
    active: r.active,
    resources: { collected: r.collected, pushed: r.pushed, inactive: r.inactive, collectedOk: r.collected_ok },
    lines: r.lines,
    samples,
    expected,
    coverage: coverageOf(samples, expected),
    status: statusOf(r),
  };
}

export function statusOf(r: Pick<ReportSummarySqlRow, 'collected' | 'pushed' | 'collected_ok' | 'has_run'>): SummaryStatus {
  if (r.collected === 0) return r.pushed > 0 ? 'pushed' : 'none';
  if (!r.has_run) return 'none';
  if (r.collected_ok >= r.collected) return 'ok';
  return r.collected_ok > 0 ? 'partial' : 'failed';
}
