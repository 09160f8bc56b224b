import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventsService, NewEvent } from '@tally/events';
import { DataSource, EntityManager } from 'typeorm';
import { classify, counterRate, Level } from '../engine/levels';
import { isSteady, step, STEADY_OK } from '../engine/series-step';
import { windowCovers } from '../engine/windows';
import { openIncidents } from '../incidents/incidents.repository';
import { listWindows, mutedResources } from '../maintenance/maintenance.repository';
import type { MaintenanceWindow } from '../maintenance/maintenance-window';
import type { AlertRule } from '../rules/rule';
import { enabledRules } from '../rules/rules.repository';
import { BudgetUsage } from './budget-usage';
import { counterPoints, gaugeValues, Subject, subjectsOf } from './evaluation.sql';
import { EvalSubject, IncidentFlow, Suppressions } from './incident-flow';
import { dropSeries, loadSeries, saveSeries, SeriesRow } from './series.repository';

export interface EvaluationSummary {
  rules: number;
  evaluated: number;
  events: number;
}

/** One value per subject of a rule, or undefined: missing (no sample, or a counter without a rate). */
type Values = Map<string, number | undefined>;

/**
 * Evaluates the enabled rules for some resources at one timestamp (a slot, or a pushed
 * sample's ts), from the worker's alerts queue, never inside a persist. One transaction per
 * call, serialised across replicas by an advisory lock, so two evaluations of one series never
 * interleave. Series that are ok and were ok write nothing.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger('AlertEvaluator');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
    private readonly budgets: BudgetUsage,
  ) {}

  async evaluate(ts: Date, resourceIds: readonly string[]): Promise<EvaluationSummary> {
    const rules = await enabledRules(this.db.manager);
    const summary: EvaluationSummary = { rules: 0, evaluated: 0, events: 0 };
    if (!rules.length || !resourceIds.length) return summary;
    const subjects = await subjectsOf(this.db.manager, [...new Set(resourceIds)]);
    // Budgets read reports on connections of their own: before the transaction takes its lock.
    const usage = new Map<string, Values>();
    for (const rule of rules.filter((r) => r.kind === 'budget')) usage.set(rule.id, await this.budgetValues(rule, subjects.filter((s) => inScope(rule, s)), ts));
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('tally_alert_evaluation'))`);
      const suppressions = await this.suppressions(tx, ts, subjects);
      const values = new Map<number, Values>();
      const events: NewEvent[] = [];
      for (const rule of rules) {
        const scoped = subjects.filter((s) => inScope(rule, s));
        if (!scoped.length) continue;
        summary.rules += 1;
        let ruleValues = rule.kind === 'budget' ? usage.get(rule.id)! : values.get(rule.measurementId);
        if (!ruleValues) values.set(rule.measurementId, (ruleValues = await this.readValues(tx, rule, scoped, ts)));
        const flow = new IncidentFlow(tx, rule, suppressions, ts);
        summary.evaluated += await this.evaluateRule(tx, rule, scoped, ruleValues, ts, flow);
        events.push(...flow.events());
      }
      await this.events.recordAll(tx, events);
      summary.events = events.length;
    });
    return summary;
  }

  private async evaluateRule(tx: EntityManager, rule: AlertRule, scoped: Subject[], values: Values, ts: Date, flow: IncidentFlow): Promise<number> {
    const targets = rule.kind === 'budget' ? budgetSubjects(scoped) : scoped.map(resourceSubject);
    const expects = new Set(scoped.filter((s) => s.active && s.measurementIds.includes(rule.measurementId)).map((s) => s.id));
    const series = await loadSeries(tx, rule.id, targets.map((t) => t.id));
    const raws = new Map<string, Level | 'missing'>();
    for (const t of targets) {
      const value = values.get(t.id);
      // Budgets already read this slot, or whose report was busy, and resources that do not
      // carry the measurement at all: not evaluated, and never missing.
      if (value === undefined && (rule.kind === 'budget' || !expects.has(t.id))) continue;
      const raw = value === undefined ? 'missing' : classify(value, rule);
      // The common case, kept free of any write: an ok series stays ok and has no row.
      if (raw === 'o' && !series.has(t.id) && rule.kind !== 'budget') continue;
      raws.set(t.id, raw);
    }
    const open = await openIncidents(tx, rule.id, [...series.keys()]);
    const save: SeriesRow[] = [];
    const drop: string[] = [];
    for (const t of targets) {
      const raw = raws.get(t.id);
      if (raw === undefined) continue;
      const prev = series.get(t.id);
      // A replayed job or an older push: this series has already moved past `ts`.
      if (prev?.lastTs && prev.lastTs.getTime() >= ts.getTime()) continue;
      const result = step(prev ?? STEADY_OK, raw, rule);
      const value = values.get(t.id) ?? null;
      await flow.apply(t, result, open.get(t.id), value);
      const row: SeriesRow = { ...result.next, subjectId: t.id, lastTs: ts, lastValue: value };
      // Budget rows stay: their last_ts is what keeps a slot's many batches from re-reading the report.
      if (isSteady(result.next) && !result.change && rule.kind !== 'budget') drop.push(t.id);
      else save.push(row);
    }
    await saveSeries(tx, rule.id, save);
    await dropSeries(tx, rule.id, drop);
    return raws.size;
  }

  private async readValues(tx: EntityManager, rule: AlertRule, scoped: Subject[], ts: Date): Promise<Values> {
    const ids = scoped.map((s) => s.id);
    if (rule.measurementKind !== 'counter') return gaugeValues(tx, rule.measurementId, ts, ids);
    const points = await counterPoints(tx, rule.measurementId, ts, ids);
    return new Map([...points].map(([id, p]) => [id, counterRate(p.current, p.previous)]));
  }

  private async budgetValues(rule: AlertRule, scoped: Subject[], ts: Date): Promise<Values> {
    const out: Values = new Map();
    const series = await loadSeries(this.db.manager, rule.id, [...new Set(scoped.map((s) => s.clientId))]);
    for (const clientId of new Set(scoped.map((s) => s.clientId))) {
      const last = series.get(clientId)?.lastTs;
      if (last && last.getTime() >= ts.getTime()) continue;
      try {
        out.set(clientId, await this.budgets.monthToDate(clientId, rule.measurement, rule.timeZone, ts));
      } catch (err) {
        // A busy report share is not missing data: leave this client for the next slot.
        this.logger.warn({ err, rule: rule.id, clientId }, 'budget usage could not be read; evaluated next time');
      }
    }
    return out;
  }

  private async suppressions(tx: EntityManager, ts: Date, subjects: Subject[]): Promise<Suppressions> {
    const windows = (await listWindows(tx, { limit: 10_000, offset: 0, activeAt: ts })).items.filter((w) => windowCovers(timing(w), ts));
    const muted = await mutedResources(tx, subjects.map((s) => s.id));
    return {
      maintenance: (s) => windows.find((w) => windowScopes(w, s))?.name,
      muted: (s) => s.type === 'resource' && muted.has(s.id),
    };
  }
}

function inScope(rule: AlertRule, s: Subject): boolean {
  switch (rule.scopeType) {
    case 'all': return true;
    case 'client': return s.clientId === rule.scopeId;
    case 'project': return s.projectId === rule.scopeId;
    case 'resource': return s.id === rule.scopeId;
    case 'resource_type': return s.type === rule.scopeId;
  }
}

function windowScopes(w: MaintenanceWindow, s: EvalSubject): boolean {
  switch (w.scopeType) {
    case 'all': return true;
    case 'client': return s.clientId === w.scopeId;
    case 'project': return s.projectId !== null && s.projectId === w.scopeId;
    case 'resource': return s.type === 'resource' && s.id === w.scopeId;
  }
}

const timing = (w: MaintenanceWindow) => ({ ...w, startsAt: new Date(w.startsAt), endsAt: w.endsAt ? new Date(w.endsAt) : null });
const resourceSubject = (s: Subject): EvalSubject => ({ id: s.id, type: 'resource', name: s.name, clientId: s.clientId, projectId: s.projectId });

function budgetSubjects(scoped: Subject[]): EvalSubject[] {
  const seen = new Map<string, EvalSubject>();
  for (const s of scoped) if (!seen.has(s.clientId)) seen.set(s.clientId, { id: s.clientId, type: 'client', name: null, clientId: s.clientId, projectId: null });
  return [...seen.values()];
}
