import type { Severity } from '../engine/levels';

/** An incident as the API shows it and alert.* events carry it. */
export interface Incident {
  id: number;
  ruleId: string;
  ruleName: string;
  measurement: string;
  /** `resource`, or `client` for budget rules. */
  subjectType: 'resource' | 'client';
  subjectId: string;
  subjectName: string | null;
  clientId: string | null;
  severity: Exclude<Severity, 'ok'>;
  status: 'open' | 'recovered';
  /** The value that last moved it (a rate per second for counters, the month's usage for budgets). */
  value: number | null;
  openedAt: string;
  escalatedAt: string | null;
  recoveredAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  notifications: number;
  lastNotifiedAt: string | null;
  /** The latest reason a notification was held back, or null. */
  suppressed: string | null;
  flapping: boolean;
}
