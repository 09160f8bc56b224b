import type { MeasurementKind } from '@tally/database';
import { amountText, Decimal, parseAmount, ZERO } from '@tally/money';
import { coverageOf } from './report-math';
import type { ReportLine } from './report.types';

/** Sums of one measurement over a project or the whole client. */
export interface MeasurementTotal {
  measurementKey: string;
  kind: MeasurementKind;
  /** Unit of the raw samples (as in the lines); usage is in usageUnit. */
  unit: string;
  usageUnit: string;
  usage: number;
  samples: number;
  expected: number;
  /** Σ samples / Σ expected over the lines summed; null when nothing was expected. */
  coverage: number | null;
  /** How many lines (resources) were summed. */
  lines: number;
  /** Σ of the rounded amounts of the lines that have one (§11: totals are sums of rounded lines); null when none has. */
  amount: string | null;
  currency: string | null;
}

type Sum = Omit<MeasurementTotal, 'coverage' | 'amount'> & { money: Decimal | null };

/**
 * Folds streamed lines into per-measurement sums (of a project, or of the whole client) without
 * keeping the lines, so the rows pipeline can pass lines through and emit totals at the end.
 * Usage is summed per (measurement key, usage unit): different units never add up.
 */
export class ReportTotalsAccumulator {
  private readonly sums = new Map<string, Sum>();

  add(line: ReportLine): void {
    addTo(this.sums, line);
  }

  /** Ordered by measurement key, then usage unit. */
  result(): MeasurementTotal[] {
    return finish(this.sums);
  }
}

function addTo(sums: Map<string, Sum>, line: ReportLine): void {
  const key = `${line.measurementKey}\u0000${line.usageUnit}`;
  const sum: Sum = sums.get(key) ?? {
    measurementKey: line.measurementKey, kind: line.kind, unit: line.unit, usageUnit: line.usageUnit, usage: 0, samples: 0, expected: 0, lines: 0, money: null, currency: line.currency,
  };
  sum.usage += line.usage;
  if (line.amount !== null && line.currency !== null) sum.money = (sum.money ?? ZERO).plus(parseAmount(line.amount, line.currency));
  sum.samples += line.samples;
  sum.expected += line.expected;
  sum.lines += 1;
  sums.set(key, sum);
}

function finish(sums: Map<string, Sum>): MeasurementTotal[] {
  return [...sums.values()]
    .map(({ money, ...s }) => ({ ...s, coverage: coverageOf(s.samples, s.expected), amount: money && s.currency ? amountText(money, s.currency) : null }))
    .sort((a, b) => (a.measurementKey < b.measurementKey ? -1 : a.measurementKey > b.measurementKey ? 1 : a.usageUnit < b.usageUnit ? -1 : 1));
}
