import { MeasurementKind, MeasurementSource } from '@tally/database';
import type { DisplaySpec } from '@tally/money';

export interface MeasurementSpec {
  key: string;
  kind: MeasurementKind;
  unit: string;
  source: MeasurementSource;
}

/** How a built-in's usage is shown by default (an admin may change it). */
export interface BuiltinMeasurement extends MeasurementSpec {
  display: DisplaySpec;
}

/**
 * Design §3; seeded by the initial migration, display units by MeasurementDisplayUnits
 * (keep all three in step).
 */
export const BUILTIN_MEASUREMENTS: readonly BuiltinMeasurement[] = [
  { key: 'ganeti.vcpus', kind: 'gauge', unit: 'vCPU', source: 'ganeti', display: { unit: 'vCPU·h', places: 3 } },
  { key: 'ganeti.memory', kind: 'gauge', unit: 'MiB', source: 'ganeti', display: { unit: 'GiB·h', places: 3 } },
  { key: 'ganeti.disk', kind: 'gauge', unit: 'MiB', source: 'ganeti', display: { unit: 'GiB·month', places: 3 } },
  { key: 'ganeti.running', kind: 'gauge', unit: 'bool', source: 'ganeti', display: { unit: 'h', places: 2 } },
  { key: 'node.up', kind: 'gauge', unit: 'bool', source: 'ssh', display: { unit: 'h', places: 2 } },
  { key: 'cpu.count', kind: 'gauge', unit: 'CPU', source: 'ssh', display: { unit: 'CPU·h', places: 3 } },
  { key: 'cpu.busy', kind: 'counter', unit: 's', source: 'ssh', display: { unit: 'CPU·h', places: 3 } },
  { key: 'memory.total', kind: 'gauge', unit: 'byte', source: 'ssh', display: { unit: 'GiB·h', places: 3 } },
  { key: 'memory.used', kind: 'gauge', unit: 'byte', source: 'ssh', display: { unit: 'GiB·h', places: 3 } },
  { key: 'disk.total', kind: 'gauge', unit: 'byte', source: 'ssh', display: { unit: 'GiB·month', places: 3 } },
  { key: 'disk.used', kind: 'gauge', unit: 'byte', source: 'ssh', display: { unit: 'GiB·month', places: 3 } },
  { key: 'net.rx', kind: 'counter', unit: 'byte', source: 'ssh', display: { unit: 'GiB', places: 3 } },
  { key: 'net.tx', kind: 'counter', unit: 'byte', source: 'ssh', display: { unit: 'GiB', places: 3 } },
  { key: 'load.1m', kind: 'gauge', unit: '', source: 'ssh', display: { unit: 'h', places: 3 } },
];

/**
 * What a new resource collects when its creator names nothing: everything its collector can
 * read. Push-only kinds collect nothing on schedule; they accept any catalog measurement.
 */
export function defaultMeasurementKeys(resourceType: string): string[] {
  const source = resourceType === 'ganeti-vm' ? 'ganeti' : resourceType === 'node' ? 'ssh' : undefined;
  return source ? BUILTIN_MEASUREMENTS.filter((m) => m.source === source).map((m) => m.key) : [];
}
