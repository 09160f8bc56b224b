import { FLAP_HISTORY, nextFlapping, percentStateChange, steadyHistory } from './flap';
import { Level, RANK } from './levels';

/** A series' evaluation state (one rule over one subject), as alert_series stores it. */
export interface SeriesState {
  state: Level;
  /** The level the recent evaluations point to ('p': some problem, from ok), and how many in a row. */
  candidate: Level | 'p' | null;
  candidateCount: number;
  missingCount: number;
  history: string;
  flapping: boolean;
}

export const STEADY_OK: SeriesState = { state: 'o', candidate: null, candidateCount: 0, missingCount: 0, history: steadyHistory(), flapping: false };

export interface StepConfig {
  /** Flap guard: evaluations in a row that must agree before the state changes. */
  forEvaluations: number;
  /** Evaluations in a row without a sample before the series is nodata. */
  nodataAfter: number;
}

export type Change =
  | { kind: 'triggered'; to: Level }
  | { kind: 'escalated' | 'deescalated'; from: Level; to: Level }
  | { kind: 'recovered'; from: Level };

export interface StepResult {
  next: SeriesState;
  /** Set when the confirmed state changed. */
  change?: Change;
  /** Set when flapping started (true) or stopped (false). */
  flapping?: { flapping: boolean; percent: number };
  /** False when the evaluation was skipped (a missing sample short of nodataAfter). */
  evaluated: boolean;
}

/**
 * One evaluation of one series. `raw` is the verdict on this slot's value, or 'missing' when
 * there is none: a missing sample is never read as a value; only nodataAfter of them in a row
 * make the level `n`, and that is its own guard, so nodata needs no further agreement.
 */
export function step(prev: SeriesState, raw: Level | 'missing', cfg: StepConfig): StepResult {
  let level: Level;
  let missingCount = 0;
  if (raw === 'missing') {
    missingCount = prev.missingCount + 1;
    if (missingCount < cfg.nodataAfter) return { next: { ...prev, missingCount }, evaluated: false };
    level = 'n';
  } else {
    level = raw;
  }
  const history = (prev.history + level).slice(-FLAP_HISTORY);
  const percent = percentStateChange(history);
  const flapping = nextFlapping(prev.flapping, percent);
  const flapChange = flapping !== prev.flapping ? { flapping, percent } : undefined;

  // From ok, any problem counts toward opening (Nagios' soft states); otherwise the exact level.
  const target: Level | 'p' | null = level === prev.state ? null : prev.state === 'o' ? 'p' : level;
  const candidateCount = target === null ? 0 : target === prev.candidate ? prev.candidateCount + 1 : 1;
  const need = level === 'n' ? 1 : cfg.forEvaluations;
  const base: SeriesState = { state: prev.state, candidate: target, candidateCount, missingCount, history, flapping };
  if (target === null || candidateCount < need) return { next: base, flapping: flapChange, evaluated: true };

  const next: SeriesState = { ...base, state: level, candidate: null, candidateCount: 0 };
  return { next, change: changeOf(prev.state, level), flapping: flapChange, evaluated: true };
}

function changeOf(from: Level, to: Level): Change {
  if (from === 'o') return { kind: 'triggered', to };
  if (to === 'o') return { kind: 'recovered', from };
  return { kind: RANK[to] > RANK[from] ? 'escalated' : 'deescalated', from, to };
}

/** A row that tells nothing a missing row would not: it can be dropped. */
export function isSteady(s: SeriesState): boolean {
  return s.state === 'o' && s.candidate === null && s.missingCount === 0 && !s.flapping && /^o*$/.test(s.history);
}
