import type { MeasurementKind } from '@tally/database';
import type { Decimal } from '@tally/money';
import type { ReportStatus, SeriesStats } from './report-math';
import type { LineMoney, ReportPricing } from './report-pricing';

/**
 * One line of a report: one (project, resource, measurement) series in the window, with the
 * §4 figures of SeriesStats (usage: gauges value·hours, counters sum of increases, 0 with no
 * samples; coverage null when no slot was expected).
 */
export interface ReportLine extends SeriesStats, LineMoney {
  projectId: string;
  projectName: string;
  /** The project's reference in the invoicing system; null when not set. */
  projectBillingRef: string | null;
  resourceId: string;
  resourceName: string;
  resourceType: string;
  /** A deactivated resource is still billed for the samples it has in the window. */
  resourceActive: boolean;
  measurementId: number;
  measurementKey: string;
  kind: MeasurementKind;
  unit: string;
  usageUnit: string;
  /** Corrections that changed this series where this line's numbers come from; 0 for none. */
  corrections: number;
  /** When the latest of them was applied; null for none. */
  correctedAt: Date | null;
  /** The resource's labels ({} for none). */
  labels: Record<string, string>;
  /** Usage in the measurement's display unit, rounded half-even to its display places (text, exact). */
  displayUsage: string;
  displayUnit: string;
  /** Usage per segment of header.bounds, exact; the parts add up to usage. */
  segmentUsage: Decimal[];
}

/** What a report is about; the same for every line. */
export interface ReportHeader {
  clientId: string;
  clientName: string;
  /** The client's reference in the invoicing system; null when not set. */
  clientBillingRef: string | null;
  from: Date;
  to: Date;
  tz: string;
  status: ReportStatus;
  /** Seconds the read replica was behind the primary when the report began; null without a replica. */
  replicaLagSeconds: number | null;
  intervalMs: number;
  /** Slots expected for each series: epoch-aligned slot starts in [from, min(to, generatedAt)). */
  expectedPerSeries: number;
  generatedAt: Date;
  /** The client's rate card and prices; null when it has none (lines then carry no amount). */
  pricing: ReportPricing | null;
  /** [from, cut…, to] in epoch ms: lines are split where a price changes (and, for FOCUS, at each day). */
  bounds: number[];
}
