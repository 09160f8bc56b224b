import type { MeasurementKind } from '@tally/database';
import type { ReportStatus, SeriesStats } from './report-math';

/**
 * One line of a report: one (project, resource, measurement) series in the window, with the
 * §4 figures of SeriesStats (usage: gauges value·hours, counters sum of increases, 0 with no
 * samples; coverage null when no slot was expected).
 */
export interface ReportLine extends SeriesStats {
  projectId: string;
  projectName: string;
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
}

/** What a report is about; the same for every line. */
export interface ReportHeader {
  clientId: string;
  clientName: string;
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
}
