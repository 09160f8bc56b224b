import type { NewEvent } from '@tally/events';
import type { EntityManager } from 'typeorm';
import { Level, SEVERITY } from '../engine/levels';
import { decide, NotifyReason } from '../engine/notify-policy';
import type { StepResult } from '../engine/series-step';
import type { Incident } from '../incidents/incident';
import { insertIncident, saveIncident } from '../incidents/incidents.repository';
import type { AlertRule } from '../rules/rule';

/** What a series is about, as far as incidents and suppressions need to know. */
export interface EvalSubject {
  id: string;
  type: 'resource' | 'client';
  name: string | null;
  clientId: string;
  projectId: string | null;
}

/** Why notifications about a subject are held right now, besides the incident's own state. */
export interface Suppressions {
  maintenance(subject: EvalSubject): Promise<string | undefined>;
  muted(subject: EvalSubject): Promise<boolean>;
}

const MINUTE = 60_000;

/**
 * Turns one series' evaluation into incident changes, events and notifications, all in the
 * evaluation's transaction: each transition is an event, and each notification (or the reason
 * it was held back) is one too, so the delivery hooks act on alert.notify alone.
 */
export class IncidentFlow {
  private readonly batch: NewEvent[] = [];

  constructor(
    private readonly tx: EntityManager,
    private readonly rule: AlertRule,
    private readonly suppressions: Suppressions,
    private readonly ts: Date,
  ) {}

  /** Returns when the series next needs its incident looked at (see checkAfter). */
  async apply(subject: EvalSubject, result: StepResult, open: Incident | undefined, value: number | null): Promise<number | null> {
    let incident = open;
    // Most evaluations of an open incident change nothing on it: only a changed one is written.
    const before = open && JSON.stringify(open);
    const change = result.change;
    if (change?.kind === 'triggered' || ((change?.kind === 'escalated' || change?.kind === 'deescalated') && !incident)) {
      incident = await this.open(subject, change.to, value, result.next.flapping);
      this.emit('alert.triggered', incident);
      await this.notify(subject, incident, 'triggered');
    } else if (change && incident) {
      incident.value = value;
      if (change.kind === 'recovered') {
        incident.status = 'recovered';
        incident.recoveredAt = this.ts.toISOString();
        this.emit('alert.recovered', incident);
        await this.notify(subject, incident, 'recovered');
      } else {
        const from = incident.severity;
        incident.severity = SEVERITY[change.to] as Incident['severity'];
        if (change.kind === 'escalated') incident.escalatedAt = this.ts.toISOString();
        this.emit(`alert.${change.kind}`, incident, { from });
        await this.notify(subject, incident, change.kind);
      }
    }
    if (result.flapping) {
      const { flapping, percent } = result.flapping;
      if (incident) incident.flapping = flapping;
      this.emit('alert.flapping', incident, { flapping, percentStateChange: Math.round(percent * 10) / 10 }, subject);
      if (incident?.status === 'open') await this.notify(subject, incident, flapping ? 'flapping_started' : 'flapping_stopped');
    }
    if (!change && !result.flapping && incident?.status === 'open') await this.pending(subject, incident);
    if (incident && (incident !== open || JSON.stringify(incident) !== before)) await saveIncident(this.tx, incident);
    return this.checkAfter(incident);
  }

  /**
   * Until when nothing can fall due without a state change: never without an open incident,
   * or when it is acknowledged, cut off or never re-notified; every evaluation while a
   * notification is owed (held back so far); else at the re-notification time.
   */
  private checkAfter(incident: Incident | undefined): number | null {
    if (!incident || incident.status !== 'open') return Infinity;
    if (incident.notifications === 0) return null;
    if (incident.acknowledgedAt || incident.notifications >= this.rule.maxNotifications || this.rule.renotifyMinutes === 0 || !incident.lastNotifiedAt) return Infinity;
    return Date.parse(incident.lastNotifiedAt) + this.rule.renotifyMinutes * MINUTE;
  }

  /** The events gathered, for one recordAll at the end of the batch. */
  events(): NewEvent[] {
    return this.batch;
  }

  /** Nothing changed: a notification still owed (held back so far) or a re-notification due. */
  private async pending(subject: EvalSubject, incident: Incident): Promise<void> {
    if (incident.notifications === 0) return this.notify(subject, incident, 'triggered');
    const every = this.rule.renotifyMinutes * MINUTE;
    if (every > 0 && incident.lastNotifiedAt && this.ts.getTime() - Date.parse(incident.lastNotifiedAt) >= every) await this.notify(subject, incident, 'renotify');
  }

  private async notify(subject: EvalSubject, incident: Incident, reason: NotifyReason): Promise<void> {
    const decision = decide({
      reason, sent: incident.notifications, maxNotifications: this.rule.maxNotifications, acknowledged: incident.acknowledgedAt !== null,
      flapping: incident.flapping, maintenance: await this.suppressions.maintenance(subject), ruleNotificationsOff: !this.rule.notificationsEnabled,
      resourceMuted: await this.suppressions.muted(subject),
    });
    if (decision.send) {
      incident.notifications += 1;
      incident.lastNotifiedAt = this.ts.toISOString();
      incident.suppressed = null;
      this.emit('alert.notify', incident, { reason });
    } else if (decision.reason !== null && decision.reason !== incident.suppressed) {
      // Recorded once per reason, not at every evaluation it goes on holding.
      incident.suppressed = decision.reason;
      this.emit('alert.suppressed', incident, { reason: decision.reason, would: reason });
    }
  }

  private async open(subject: EvalSubject, level: Level, value: number | null, flapping: boolean): Promise<Incident> {
    const fields = {
      ruleId: this.rule.id, subjectType: subject.type, subjectId: subject.id, clientId: subject.clientId, severity: SEVERITY[level] as Incident['severity'],
      status: 'open' as const, value, openedAt: this.ts.toISOString(), escalatedAt: null, recoveredAt: null, acknowledgedAt: null, acknowledgedBy: null,
      notifications: 0, lastNotifiedAt: null, suppressed: null, flapping,
    };
    const id = await insertIncident(this.tx, fields);
    return { ...fields, id, ruleName: this.rule.name, measurement: this.rule.measurement, subjectName: subject.name };
  }

  private emit(type: string, incident: Incident | undefined, extra: Record<string, unknown> = {}, subject?: EvalSubject): void {
    this.batch.push({
      type,
      subject: incident ? { type: 'alert', id: String(incident.id) } : { type: 'alert', id: `rule:${this.rule.id}:${subject!.id}` },
      clientId: incident?.clientId ?? subject?.clientId ?? null,
      data: { incident: incident ? { ...incident } : null, ...extra },
    });
  }
}
