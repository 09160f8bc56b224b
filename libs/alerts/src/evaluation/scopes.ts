import type { EntityManager } from 'typeorm';
import { windowCovers } from '../engine/windows';
import { listWindows, mutedResources } from '../maintenance/maintenance.repository';
import type { MaintenanceWindow } from '../maintenance/maintenance-window';
import type { AlertRule } from '../rules/rule';
import type { Subject } from './evaluation.sql';
import type { EvalSubject, Suppressions } from './incident-flow';

export function inScope(rule: AlertRule, s: Subject): boolean {
  switch (rule.scopeType) {
    case 'all': return true;
    case 'client': return s.clientId === rule.scopeId;
    case 'project': return s.projectId === rule.scopeId;
    case 'resource': return s.id === rule.scopeId;
    case 'resource_type': return s.type === rule.scopeId;
  }
}

export function windowScopes(w: MaintenanceWindow, s: EvalSubject): boolean {
  switch (w.scopeType) {
    case 'all': return true;
    case 'client': return s.clientId === w.scopeId;
    case 'project': return s.projectId !== null && s.projectId === w.scopeId;
    case 'resource': return s.type === 'resource' && s.id === w.scopeId;
  }
}

export const resourceSubject = (s: Subject): EvalSubject => ({ id: s.id, type: 'resource', name: s.name, clientId: s.clientId, projectId: s.projectId });

/** Budget rules watch clients: one subject per client among the resources. */
export function budgetSubjects(scoped: Subject[]): EvalSubject[] {
  const seen = new Map<string, EvalSubject>();
  for (const s of scoped) if (!seen.has(s.clientId)) seen.set(s.clientId, { id: s.clientId, type: 'client', name: null, clientId: s.clientId, projectId: null });
  return [...seen.values()];
}

/** Maintenance windows and muted resources, read only when a notification is actually considered. */
export class LazySuppressions implements Suppressions {
  private windows?: Promise<MaintenanceWindow[]>;
  private mutes?: Promise<Set<string>>;

  constructor(private readonly tx: EntityManager, private readonly ts: Date, private readonly subjects: Subject[]) {}

  async maintenance(s: EvalSubject): Promise<string | undefined> {
    this.windows ??= listWindows(this.tx, { limit: 10_000, offset: 0, activeAt: this.ts })
      .then((p) => p.items.filter((w) => windowCovers({ ...w, startsAt: new Date(w.startsAt), endsAt: w.endsAt ? new Date(w.endsAt) : null }, this.ts)));
    return (await this.windows).find((w) => windowScopes(w, s))?.name;
  }

  async muted(s: EvalSubject): Promise<boolean> {
    if (s.type !== 'resource') return false;
    this.mutes ??= mutedResources(this.tx, this.subjects.map((x) => x.id));
    return (await this.mutes).has(s.id);
  }
}
