import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { windowCovers } from '../engine/windows';
import type { Incident } from '../incidents/incident';
import { openIncidentsOf } from '../incidents/incidents.repository';
import { listWindows } from '../maintenance/maintenance.repository';
import type { MaintenanceWindow } from '../maintenance/maintenance-window';
import { clusterRows, hostRows } from './status.sql';

export type HostState = 'up' | 'down' | 'flapping' | 'maintenance' | 'unknown';

export interface StatusEntry {
  kind: 'host' | 'cluster';
  id: string;
  name: string;
  type: string;
  clientId: string | null;
  clientName: string | null;
  state: HostState;
  /** When it was last polled (a node's latest node.up, a cluster's latest pre-cache), and how that went. */
  lastPoll: { at: string; ok: boolean; reason: string | null } | null;
  maintenance: string | null;
  /** Collection backoff is not tracked per host yet: always null (docs/alerts.md). */
  backingOff: null;
  incidents: Pick<Incident, 'id' | 'ruleName' | 'severity' | 'openedAt' | 'acknowledgedAt' | 'suppressed' | 'flapping'>[];
}

const MAX_HOSTS = 5000;

/** What the operators' status page shows: every node and cluster, with its state and open incidents. */
@Injectable()
export class AlertStatusService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async overview(now = new Date()): Promise<{ generatedAt: string; items: StatusEntry[] }> {
    const [hosts, clusters, windows] = await Promise.all([
      hostRows(this.db.manager, MAX_HOSTS), clusterRows(this.db.manager), listWindows(this.db.manager, { limit: 10_000, offset: 0, activeAt: now }),
    ]);
    const active = windows.items.filter((w) => windowCovers({ ...w, startsAt: new Date(w.startsAt), endsAt: w.endsAt ? new Date(w.endsAt) : null }, now));
    const incidents = await openIncidentsOf(this.db.manager, hosts.map((h) => h.id));
    const byHost = new Map<string, Incident[]>();
    for (const i of incidents) byHost.set(i.subjectId, [...(byHost.get(i.subjectId) ?? []), i]);
    const items: StatusEntry[] = hosts.map((h) => {
      const maintenance = active.find((w) => covers(w, h))?.name ?? null;
      const up = h.up_value === null ? null : h.up_value >= 1;
      const state: HostState = maintenance ? 'maintenance' : h.flapping ? 'flapping' : up === null ? 'unknown' : up ? 'up' : 'down';
      return {
        kind: 'host', id: h.id, name: h.name, type: h.type, clientId: h.client_id, clientName: h.client_name, state, maintenance, backingOff: null,
        lastPoll: h.up_ts ? { at: h.up_ts.toISOString(), ok: up === true, reason: null } : null,
        incidents: (byHost.get(h.id) ?? []).map((i) => ({ id: i.id, ruleName: i.ruleName, severity: i.severity, openedAt: i.openedAt, acknowledgedAt: i.acknowledgedAt, suppressed: i.suppressed, flapping: i.flapping })),
      };
    });
    for (const c of clusters) {
      const maintenance = active.find((w) => w.scopeType === 'all')?.name ?? null;
      items.push({
        kind: 'cluster', id: c.id, name: c.fqdn, type: 'ganeti-cluster', clientId: null, clientName: null, backingOff: null, incidents: [], maintenance,
        state: maintenance ? 'maintenance' : c.ok === null ? 'unknown' : c.ok ? 'up' : 'down',
        lastPoll: c.at ? { at: c.at.toISOString(), ok: c.ok === true, reason: c.reason } : null,
      });
    }
    return { generatedAt: now.toISOString(), items };
  }
}

function covers(w: MaintenanceWindow, h: { id: string; project_id: string; client_id: string }): boolean {
  return w.scopeType === 'all' || (w.scopeType === 'client' && w.scopeId === h.client_id) || (w.scopeType === 'project' && w.scopeId === h.project_id)
    || (w.scopeType === 'resource' && w.scopeId === h.id);
}
