import { ExpositionSample } from './exposition.parser';

/**
 * One admin-configured rule: the samples of `metric` whose labels include all of `labels`
 * (and none of `excludeLabels`' values) become `measurement`, summed (a host's total over its
 * interfaces, CPUs or mounts), times `scale` (seconds to ms, say).
 */
export interface ExporterMappingRule {
  metric: string;
  labels?: Record<string, string>;
  /** Label values to leave out of the sum, e.g. { device: ['lo'] } or { fstype: ['tmpfs'] }. */
  excludeLabels?: Record<string, string[]>;
  measurement: string;
  scale?: number;
}

export interface MappedReading {
  values: Record<string, number>;
  /** Rules that matched no sample (or only non-finite ones): no value, never a zero. */
  unmatched: { measurement: string; reason: string }[];
}

/** The node_exporter names of what an SSH poll reads, for an admin to start from. */
export const NODE_EXPORTER_MAPPING: readonly ExporterMappingRule[] = [
  { metric: 'node_memory_MemTotal_bytes', measurement: 'memory.total' },
  { metric: 'node_load1', measurement: 'load.1m' },
  { metric: 'node_network_receive_bytes_total', excludeLabels: { device: ['lo'] }, measurement: 'net.rx' },
  { metric: 'node_network_transmit_bytes_total', excludeLabels: { device: ['lo'] }, measurement: 'net.tx' },
  { metric: 'node_filesystem_size_bytes', excludeLabels: { fstype: ['tmpfs', 'devtmpfs', 'overlay', 'squashfs'] }, measurement: 'disk.total' },
];

export function mapExposition(samples: readonly ExpositionSample[], rules: readonly ExporterMappingRule[]): MappedReading {
  const byName = new Map<string, ExpositionSample[]>();
  for (const s of samples) {
    const list = byName.get(s.name);
    if (list) list.push(s);
    else byName.set(s.name, [s]);
  }
  const values: Record<string, number> = {};
  const unmatched: MappedReading['unmatched'] = [];
  for (const rule of rules) {
    const matching = (byName.get(rule.metric) ?? []).filter((s) => matches(s.labels, rule));
    const finite = matching.filter((s) => Number.isFinite(s.value));
    if (!finite.length) {
      unmatched.push({
        measurement: rule.measurement,
        reason: matching.length ? `${rule.metric}: only non-finite values (${matching.map((s) => s.value).join(', ')})`
          : `${rule.metric}${describe(rule)}: not on the page`,
      });
      continue;
    }
    values[rule.measurement] = (values[rule.measurement] ?? 0) + finite.reduce((sum, s) => sum + s.value, 0) * (rule.scale ?? 1);
  }
  return { values, unmatched };
}

function matches(labels: Record<string, string>, rule: ExporterMappingRule): boolean {
  for (const [k, v] of Object.entries(rule.labels ?? {})) if (labels[k] !== v) return false;
  for (const [k, vs] of Object.entries(rule.excludeLabels ?? {})) if (labels[k] !== undefined && vs.includes(labels[k])) return false;
  return true;
}

function describe(rule: ExporterMappingRule): string {
  const want = Object.entries(rule.labels ?? {}).map(([k, v]) => `${k}="${v}"`);
  return want.length ? `{${want.join(',')}}` : '';
}
