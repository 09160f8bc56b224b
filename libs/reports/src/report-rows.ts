import { amountText, Decimal, parseAmount, ZERO } from '@tally/money';
import { MeasurementTotal, ReportTotalsAccumulator } from './report-totals';
import type { ReportHeader, ReportLine } from './report.types';

/** The money of a project or the whole client: Σ of its rounded line amounts. */
export interface AmountTotal {
  /** null when no line of it has an amount. */
  amount: string | null;
  currency: string;
}

/**
 * What every format encodes, in report order: each project's lines, then its subtotal rows
 * (one per measurement and usage unit) and, when the client has a rate card, its amount row;
 * the report ends with the client's total rows and amount row. Writers only encode these.
 */
export type ReportRow =
  | { rowType: 'line'; line: ReportLine }
  | { rowType: 'project_subtotal'; projectId: string; projectName: string; projectBillingRef: string | null; total: MeasurementTotal }
  | { rowType: 'project_amount'; projectId: string; projectName: string; projectBillingRef: string | null; total: AmountTotal }
  | { rowType: 'client_total'; total: MeasurementTotal }
  | { rowType: 'client_amount'; total: AmountTotal };

export type ReportRowType = ReportRow['rowType'];
export const REPORT_ROW_TYPES: readonly ReportRowType[] = ['line', 'project_subtotal', 'project_amount', 'client_total', 'client_amount'];

class MoneySum {
  private sum: Decimal | null = null;
  add(line: ReportLine): void {
    if (line.amount !== null && line.currency !== null) this.sum = (this.sum ?? ZERO).plus(parseAmount(line.amount, line.currency));
  }
  result(currency: string): AmountTotal {
    return { amount: this.sum === null ? null : amountText(this.sum, currency), currency };
  }
}

/**
 * Lines arrive grouped by project (report order), so a project's subtotals can follow its last
 * line as soon as the next project starts; only running sums are held, never the lines.
 */
export async function* reportRows(header: ReportHeader, lines: AsyncIterable<ReportLine>): AsyncGenerator<ReportRow> {
  const currency = header.pricing?.currency ?? null;
  const client = new ReportTotalsAccumulator();
  const clientMoney = new MoneySum();
  let project = null as { id: string; name: string; billingRef: string | null; totals: ReportTotalsAccumulator; money: MoneySum } | null;

  function* closeProject(): Generator<ReportRow> {
    if (!project) return;
    const { id: projectId, name: projectName, billingRef: projectBillingRef } = project;
    for (const total of project.totals.result()) yield { rowType: 'project_subtotal', projectId, projectName, projectBillingRef, total };
    if (currency) yield { rowType: 'project_amount', projectId, projectName, projectBillingRef, total: project.money.result(currency) };
  }

  for await (const line of lines) {
    if (project?.id !== line.projectId) {
      yield* closeProject();
      project = { id: line.projectId, name: line.projectName, billingRef: line.projectBillingRef, totals: new ReportTotalsAccumulator(), money: new MoneySum() };
    }
    project.totals.add(line);
    project.money.add(line);
    client.add(line);
    clientMoney.add(line);
    yield { rowType: 'line', line };
  }
  yield* closeProject();
  for (const total of client.result()) yield { rowType: 'client_total', total };
  if (currency) yield { rowType: 'client_amount', total: clientMoney.result(currency) };
}
