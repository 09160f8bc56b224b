import type { MeasurementKind } from '@tally/database';
import type { ReportStatus } from './report-math';

/** One line of a report: one (project, resource, measurement) series in the window. */
export interface ReportLine {
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
  /** Gauges: value·hours; counters: sum of increases. 0 when there are no samples. */
  usage: number;
  usageUnit: string;
  samples: number;
  expected: number;
  /** samples / expected; null when no slot was expected (window in the future). */
  coverage: number | null;
  min: number | null;
  max: number | null;
  avg: number | null;
  last: number | null;
}

/** What a report is about; the same for every line. */
export interface ReportHeader {
  clientId: string;
  clientName: string;
  from: Date;
  to: Date;
  tz: string;
  status: ReportStatus;
  intervalMs: number;
  /** Slots expected for each series: epoch-aligned slot starts in [from, min(to, generatedAt)). */
  expectedPerSeries: number;
  generatedAt: Date;
}
