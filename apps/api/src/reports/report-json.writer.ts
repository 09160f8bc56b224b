import { AmountTotal, isoInZone, MeasurementTotal, ReportHeader, ReportLine, ReportRow } from '@tally/reports';
import type { ReportMeasurementDto, ReportTotalDto } from './report.dto';

/** Flush to the response in chunks of about this size rather than one write per line. */
const CHUNK_CHARS = 16_384;

export function totalDto(t: MeasurementTotal): ReportTotalDto {
  return {
    key: t.measurementKey, kind: t.kind, usageUnit: t.usageUnit, usage: t.usage, samples: t.samples, expected: t.expected, coverage: t.coverage, resources: t.lines,
    amount: t.amount, currency: t.currency,
  };
}

function measurementDto(l: ReportLine): ReportMeasurementDto {
  return {
    key: l.measurementKey, kind: l.kind, unit: l.unit, samples: l.samples, expected: l.expected, coverage: l.coverage,
    min: l.min, max: l.max, avg: l.avg, last: l.last, usage: l.usage, usageUnit: l.usageUnit,
    corrections: l.corrections, correctedAt: l.correctedAt?.toISOString() ?? null,
    unitPrice: l.unitPrice, priceUnit: l.priceUnit, amount: l.amount, currency: l.currency, pricing: l.pricing,
    displayUsage: l.displayUsage, displayUnit: l.displayUnit,
  };
}

const money = (t: AmountTotal | null) => (t ? { amount: t.amount, currency: t.currency } : { amount: null, currency: null });

/**
 * The JSON report (ReportDto) written as the typed rows stream: lines arrive ordered by project,
 * then resource, so each project and resource object is opened at its first line and closed
 * when its subtotal rows arrive. Only a project's subtotals are held, never the lines, so memory
 * stays flat however many resources a client has.
 */
export async function* reportJsonChunks(header: ReportHeader, rows: AsyncIterable<ReportRow>): AsyncGenerator<string> {
  const head = {
    client: { id: header.clientId, name: header.clientName, billingRef: header.clientBillingRef },
    window: { from: header.from.toISOString(), to: header.to.toISOString(), tz: header.tz },
    intervalMinutes: header.intervalMs / 60_000,
    generatedAt: header.generatedAt.toISOString(),
    status: header.status,
    replicaLagSeconds: header.replicaLagSeconds,
  };
  let out = `${JSON.stringify(head).slice(0, -1)},"projects":[`;
  let project = null as { id: string; totals: ReportTotalDto[]; amount: AmountTotal | null } | null;
  let resourceId = null as string | null;
  let projects = 0;
  const clientTotals: ReportTotalDto[] = [];
  let clientAmount: AmountTotal | null = null;

  const closeProject = () => {
    if (!project) return '';
    const { totals, amount } = project;
    project = null;
    return `]}],"totals":${JSON.stringify(totals)},${JSON.stringify(money(amount)).slice(1)}`;
  };

  for await (const row of rows) {
    if (row.rowType === 'line') {
      const line = row.line;
      if (project?.id !== line.projectId) {
        out += closeProject();
        if (projects++) out += ',';
        project = { id: line.projectId, totals: [], amount: null };
        resourceId = null;
        out += `${JSON.stringify({ id: line.projectId, name: line.projectName, billingRef: line.projectBillingRef }).slice(0, -1)},"resources":[`;
      }
      if (resourceId !== line.resourceId) {
        if (resourceId) out += ']},';
        resourceId = line.resourceId;
        const resource = { id: line.resourceId, name: line.resourceName, type: line.resourceType, active: line.resourceActive, labels: line.labels };
        out += `${JSON.stringify(resource).slice(0, -1)},"measurements":[`;
      } else {
        out += ',';
      }
      out += JSON.stringify(measurementDto(line));
    } else if (row.rowType === 'project_subtotal') project?.totals.push(totalDto(row.total));
    else if (row.rowType === 'project_amount') {
      if (project) project.amount = row.total;
    }
    else if (row.rowType === 'client_total') clientTotals.push(totalDto(row.total));
    else clientAmount = row.total;
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  out += closeProject();
  // Added after the fields integrations already read, as the column contract asks.
  const tail = { totals: clientTotals, ...money(clientAmount), windowLocal: { from: isoInZone(header.from, header.tz), to: isoInZone(header.to, header.tz) } };
  yield `${out}],${JSON.stringify(tail).slice(1)}`;
}
