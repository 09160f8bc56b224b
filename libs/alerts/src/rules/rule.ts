import type { Comparison } from '../engine/levels';

export type RuleKind = 'threshold' | 'budget';
export type ScopeType = 'all' | 'client' | 'project' | 'resource' | 'resource_type';
export const SCOPE_TYPES: readonly ScopeType[] = ['all', 'client', 'project', 'resource', 'resource_type'];
export const COMPARISONS: readonly Comparison[] = ['>', '>=', '<', '<='];

/** A rule as the API shows it (and alert_rule.* events carry it). */
export interface AlertRule {
  id: string;
  name: string;
  kind: RuleKind;
  measurement: string;
  measurementId: number;
  /** Counters are evaluated as a rate per second, gauges as they are. */
  measurementKind: string;
  scopeType: ScopeType;
  /** The client, project or resource id, or the resource type; null for all. */
  scopeId: string | null;
  /** The client the scope lies in; null for all and resource_type (installation-wide rules). */
  clientId: string | null;
  comparison: Comparison;
  warn: number | null;
  crit: number | null;
  forEvaluations: number;
  nodataAfter: number;
  timeZone: string;
  maxNotifications: number;
  renotifyMinutes: number;
  notificationsEnabled: boolean;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RuleInput {
  name: string;
  kind?: RuleKind;
  measurement: string;
  scopeType: ScopeType;
  scopeId?: string | null;
  comparison?: Comparison;
  warn?: number | null;
  crit?: number | null;
  forEvaluations?: number;
  nodataAfter?: number;
  timeZone?: string;
  maxNotifications?: number;
  renotifyMinutes?: number;
  notificationsEnabled?: boolean;
  enabled?: boolean;
}
