import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventsService, NewEvent } from '@tally/events';
import { DataSource, EntityManager } from 'typeorm';
import { classify, counterRate, Level } from '../engine/levels';
import { isSteady, SeriesState, step, StepResult, STEADY_OK } from '../engine/series-step';
import { openIncidents } from '../incidents/incidents.repository';
import type { AlertRule } from '../rules/rule';
import { BudgetUsage } from './budget-usage';
import { counterPoints, gaugeValues, Subject } from './evaluation.sql';
import { SubjectCache } from './subject-cache';
import { EvalSubject, IncidentFlow } from './incident-flow';
import { AlertState, dropSeries, loadSeries, saveSeries, SeriesRow } from './series.repository';
import { budgetSubjects, inScope, LazySuppressions, resourceSubject } from './scopes';

export interface EvaluationSummary {
  rules: number;
  evaluated: number;
  events: number;
}

/** One value per subject of a rule, or undefined: missing (no sample, or a counter without a rate). */
type Values = { get(id: string): number | undefined };

/** The series of one rule that need a step: not ok, or with a row already. */
interface Plan {
  rule: AlertRule;
  items: { target: EvalSubject; raw: Level | 'missing'; value: number | null }[];
}

/**
 * Evaluates the enabled rules for some resources at one timestamp (a slot, or a pushed
 * sample's ts), from the worker's alerts queue, never inside a persist. The common case, every
 * series ok and without a row, costs three reads and no transaction (bench/alerts). Anything
 * else is one transaction, serialised across replicas by an advisory lock, so two evaluations
 * of one series never interleave.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger('AlertEvaluator');
  private readonly subjects = new SubjectCache();
  private readonly state = new AlertState();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
    private readonly budgets: BudgetUsage,
  ) {}

  /** `supplied`: values a persist stored, by resource then measurement id; resources not in it are read from samples. */
  async evaluate(ts: Date, resourceIds: readonly string[], supplied?: Record<string, Record<string, number>>): Promise<EvaluationSummary> {
    const summary: EvaluationSummary = { rules: 0, evaluated: 0, events: 0 };
    const state = await this.state.get(this.db.manager);
    const rules = state.rules;
    if (!rules.length || !resourceIds.length) return summary;
    const subjects = await this.subjects.get(this.db.manager, [...new Set(resourceIds)]);
    const scoped = new Map(rules.map((r) => [r.id, subjects.filter((s) => inScope(r, s))]));
    const active = rules.filter((r) => scoped.get(r.id)!.length);
    summary.rules = active.length;
    if (!active.length) return summary;
    const values = await this.values(active, scoped, ts, supplied ?? {});
    const none = new Set<string>();
    const plans = active.map((rule) => plan(rule, scoped.get(rule.id)!, values.get(rule.id)!, state.keys.get(rule.id) ?? none));
    summary.evaluated = plans.reduce((n, p) => n + p.items.length, 0);
    if (!summary.evaluated) return summary;
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('tally_alert_evaluation'))`);
      summary.events = await this.apply(tx, plans.filter((p) => p.items.length), subjects, ts);
    });
    return summary;
  }

  /** Steps the planned series under the lock, from their rows as they are now. */
  private async apply(tx: EntityManager, plans: Plan[], subjects: Subject[], ts: Date): Promise<number> {
    const targets = [...new Set(plans.flatMap((p) => p.items.map((i) => i.target.id)))];
    const series = await loadSeries(tx, plans.map((p) => p.rule.id), targets);
    const rules = new Map(plans.map((p) => [p.rule.id, p.rule]));
    const subjectNames = new Map(plans.flatMap((p) => p.items.map((i) => [i.target.id, i.target.name] as const)));
    const names = (ruleId: string, subjectId: string) => ({ ruleName: rules.get(ruleId)!.name, measurement: rules.get(ruleId)!.measurement, subjectName: subjectNames.get(subjectId) ?? null });
    const suppressions = new LazySuppressions(tx, ts, subjects);
    const events: NewEvent[] = [];
    for (const { rule, items } of plans) {
      const rows = series.get(rule.id)!;
      const flow = new IncidentFlow(tx, rule, suppressions, ts);
      const save: SeriesRow[] = [];
      const drop: string[] = [];
      const waiting: { target: EvalSubject; result: StepResult; value: number | null; prev: SeriesRow | undefined; holds: boolean }[] = [];
      for (const { target, raw, value } of items) {
        const prev = rows.get(target.id);
        // A replayed job or an older push: this series has already moved past `ts`.
        if (prev?.lastTs && prev.lastTs.getTime() >= ts.getTime()) continue;
        const result = step(prev ?? STEADY_OK, raw, rule);
        const holds = prev !== undefined && !result.change && !result.flapping && sameState(prev, result.next);
        // Holding its state with nothing due: its incident need not even be read (thousands may be open).
        if (holds && rule.kind !== 'budget' && prev.checkAfter !== null && prev.checkAfter > ts.getTime()) continue;
        waiting.push({ target, result, value, prev, holds });
      }
      const open = await openIncidents(tx, waiting.filter((w) => w.prev).map((w) => ({ ruleId: rule.id, subjectId: w.target.id })), names);
      for (const { target, result, value, prev, holds } of waiting) {
        const checkAfter = await flow.apply(target, result, open.get(`${rule.id}:${target.id}`), value);
        // Budget rows stay: their last_ts keeps a slot's many batches from re-reading the report.
        if (isSteady(result.next) && !result.change && rule.kind !== 'budget') drop.push(target.id);
        // A series holding its state (crit for hours) is not rewritten every slot: stepping it again changes nothing either.
        else if (rule.kind === 'budget' || !holds || prev!.checkAfter !== checkAfter) save.push({ ...result.next, subjectId: target.id, lastTs: ts, lastValue: value, checkAfter });
      }
      await saveSeries(tx, rule.id, save);
      await dropSeries(tx, rule.id, drop);
      events.push(...flow.events());
    }
    await this.events.recordAll(tx, events);
    return events.length;
  }

  /** Each rule's values: gauges in one statement for all rules, counters as rates, budgets from reports. */
  private async values(rules: AlertRule[], scoped: Map<string, Subject[]>, ts: Date, supplied: Record<string, Record<string, number>>): Promise<Map<string, Values>> {
    const out = new Map<string, Values>();
    const threshold = rules.filter((r) => r.kind === 'threshold');
    const ids = [...new Set(threshold.flatMap((r) => scoped.get(r.id)!.map((s) => s.id)))];
    const gaugeIds = [...new Set(threshold.filter((r) => r.measurementKind !== 'counter').map((r) => r.measurementId))];
    const gauges = await gaugeValues(this.db.manager, gaugeIds, ts, ids.filter((id) => !supplied[id]));
    // What the persist handed on, read where it lies rather than copied: 16,000 values a batch.
    const gaugeView = (m: number): Values => {
      const read = gauges.get(m)!;
      return { get: (id: string) => supplied[id]?.[m] ?? read.get(id) };
    };
    const rates = new Map<number, Values>();
    for (const rule of rules) {
      if (rule.kind === 'budget') {
        out.set(rule.id, await this.budgetValues(rule, scoped.get(rule.id)!, ts));
      } else if (rule.measurementKind !== 'counter') {
        out.set(rule.id, gaugeView(rule.measurementId));
      } else {
        let r = rates.get(rule.measurementId);
        if (!r) {
          const points = await counterPoints(this.db.manager, rule.measurementId, ts, ids);
          rates.set(rule.measurementId, (r = new Map([...points].map(([id, p]) => [id, counterRate(p.current, p.previous)]))));
        }
        out.set(rule.id, r);
      }
    }
    return out;
  }

  private async budgetValues(rule: AlertRule, scoped: Subject[], ts: Date): Promise<Values> {
    const out = new Map<string, number>();
    const clients = [...new Set(scoped.map((s) => s.clientId))];
    const series = (await loadSeries(this.db.manager, [rule.id], clients)).get(rule.id)!;
    for (const clientId of clients) {
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
}

/** Which series of a rule need a step. The common case, ok and without a row, is skipped here without any write or allocation. */
function plan(rule: AlertRule, scoped: Subject[], values: Values, rows: { has(id: string): boolean }): Plan {
  const items: Plan['items'] = [];
  if (rule.kind === 'budget') {
    for (const target of budgetSubjects(scoped)) {
      const value = values.get(target.id);
      // Read this slot already, or its report was busy: not evaluated, and never missing.
      if (value !== undefined) items.push({ target, raw: classify(value, rule), value });
    }
    return { rule, items };
  }
  for (const s of scoped) {
    const value = values.get(s.id);
    if (value === undefined) {
      // A resource that does not carry the measurement at all is never missing it.
      if (s.active && s.measurementIds.includes(rule.measurementId)) items.push({ target: resourceSubject(s), raw: 'missing', value: null });
      continue;
    }
    const raw = classify(value, rule);
    if (raw !== 'o' || rows.has(s.id)) items.push({ target: resourceSubject(s), raw, value });
  }
  return { rule, items };
}

function sameState(a: SeriesState, b: SeriesState): boolean {
  return a.state === b.state && a.candidate === b.candidate && a.candidateCount === b.candidateCount && a.missingCount === b.missingCount
    && a.history === b.history && a.flapping === b.flapping;
}
