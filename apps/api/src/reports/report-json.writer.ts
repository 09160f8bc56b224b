import { MeasurementTotal, ReportHeader, ReportLine, ReportTotalsAccumulator } from '@tally/reports';
import type { ReportMeasurementDto, ReportTotalDto } from './report.dto';

/** Flush to the response in chunks of about this size rather than one write per line. */
const CHUNK_CHARS = 16_384;

export function totalDto(t: MeasurementTotal): ReportTotalDto {
  return { key: t.measurementKey, kind: t.kind, usageUnit: t.usageUnit, usage: t.usage, samples: t.samples, expected: t.expected, coverage: t.coverage, resources: t.lines };
}

function measurementDto(l: ReportLine): ReportMeasurementDto {
  return {
    key: l.measurementKey, kind: l.kind, unit: l.unit, samples: l.samples, expected: l.expected, coverage: l.coverage,
    min: l.min, max: l.max, avg: l.avg, last: l.last, usage: l.usage, usageUnit: l.usageUnit,
    corrections: l.corrections, correctedAt: l.correctedAt?.toISOString() ?? null,
  };
}

/**
 * The JSON report (ReportDto) written as it streams: lines arrive ordered by project, then
 * resource, so each project and resource object can be opened when its first line arrives and
 * closed when the next one starts. Only the running totals (a few numbers per measurement) are
 * held, never the lines, so memory stays flat however many resources a client has.
 */
export async function* reportJsonChunks(header: ReportHeader, lines: AsyncIterable<ReportLine>): AsyncGenerator<string> {
  const head = {
    client: { id: header.clientId, name: header.clientName },
    window: { from: header.from.toISOString(), to: header.to.toISOString(), tz: header.tz },
    intervalMinutes: header.intervalMs / 60_000,
    generatedAt: header.generatedAt.toISOString(),
    status: header.status,
    replicaLagSeconds: header.replicaLagSeconds,
  };
  let out = `${JSON.stringify(head).slice(0, -1)},"projects":[`;
  const client = new ReportTotalsAccumulator();
  let project = null as { id: string; totals: ReportTotalsAccumulator } | null;
  let resourceId = null as string | null;

  const closeProject = () => {
    const totals = project!.totals.result().client.map(totalDto);
    return `]}],"totals":${JSON.stringify(totals)}}`;
  };

  for await (const line of lines) {
    if (project?.id !== line.projectId) {
      if (project) out += `${closeProject()},`;
      project = { id: line.projectId, totals: new ReportTotalsAccumulator() };
      resourceId = null;
      out += `${JSON.stringify({ id: line.projectId, name: line.projectName }).slice(0, -1)},"resources":[`;
    }
    if (resourceId !== line.resourceId) {
      if (resourceId) out += ']},';
      resourceId = line.resourceId;
      const resource = { id: line.resourceId, name: line.resourceName, type: line.resourceType, active: line.resourceActive };
      out += `${JSON.stringify(resource).slice(0, -1)},"measurements":[`;
    } else {
      out += ',';
    }
    out += JSON.stringify(measurementDto(line));
    project.totals.add(line);
    client.add(line);
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  if (project) out += closeProject();
  yield `${out}],"totals":${JSON.stringify(client.result().client.map(totalDto))}}`;
}
