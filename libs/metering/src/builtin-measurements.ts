import { MeasurementKind, MeasurementSource } from '@tally/database';

export interface MeasurementSpec {
  key: string;
  kind: MeasurementKind;
  unit: string;
  source: MeasurementSource;
}

/** Design §3; seeded by the initial migration (keep both in step). */
export const BUILTIN_MEASUREMENTS: readonly MeasurementSpec[] = [
  { key: 'ganeti.vcpus', kind: 'gauge', unit: 'vCPU', source: 'ganeti' },
  { key: 'ganeti.memory', kind: 'gauge', unit: 'MiB', source: 'ganeti' },
  { key: 'ganeti.disk', kind: 'gauge', unit: 'MiB', source: 'ganeti' },
  { key: 'ganeti.running', kind: 'gauge', unit: 'bool', source: 'ganeti' },
  { key: 'node.up', kind: 'gauge', unit: 'bool', source: 'ssh' },
  { key: 'cpu.count', kind: 'gauge', unit: 'CPU', source: 'ssh' },
  { key: 'cpu.busy', kind: 'counter', unit: 's', source: 'ssh' },
  { key: 'memory.total', kind: 'gauge', unit: 'byte', source: 'ssh' },
  { key: 'memory.used', kind: 'gauge', unit: 'byte', source: 'ssh' },
  { key: 'disk.total', kind: 'gauge', unit: 'byte', source: 'ssh' },
  { key: 'disk.used', kind: 'gauge', unit: 'byte', source: 'ssh' },
  { key: 'net.rx', kind: 'counter', unit: 'byte', source: 'ssh' },
  { key: 'net.tx', kind: 'counter', unit: 'byte', source: 'ssh' },
  { key: 'load.1m', kind: 'gauge', unit: '', source: 'ssh' },
];

/**
 * What a new resource collects when its creator names nothing: everything its collector can
 * read. Push-only kinds collect nothing on schedule; they accept any catalog measurement.
 */
export function defaultMeasurementKeys(resourceType: string): string[] {
  const source = resourceType === 'ganeti-vm' ? 'ganeti' : resourceType === 'node' ? 'ssh' : undefined;
  return source ? BUILTIN_MEASUREMENTS.filter((m) => m.source === source).map((m) => m.key) : [];
}
