import type { Recurrence } from '../engine/windows';

export type WindowScope = 'all' | 'client' | 'project' | 'resource';
export const WINDOW_SCOPES: readonly WindowScope[] = ['all', 'client', 'project', 'resource'];

/** A maintenance window as the API shows it. */
export interface MaintenanceWindow {
  id: string;
  name: string;
  scopeType: WindowScope;
  scopeId: string | null;
  startsAt: string;
  endsAt: string | null;
  recurrence: Recurrence;
  weekdays: number[];
  startTime: string | null;
  durationMinutes: number | null;
  timeZone: string;
  createdAt: string;
}

export type WindowInput = Omit<MaintenanceWindow, 'id' | 'createdAt' | 'endsAt' | 'weekdays' | 'startTime' | 'durationMinutes' | 'timeZone' | 'recurrence' | 'scopeId'> & {
  scopeId?: string | null;
  endsAt?: string | null;
  recurrence?: Recurrence;
  weekdays?: number[];
  startTime?: string | null;
  durationMinutes?: number | null;
  timeZone?: string;
};
