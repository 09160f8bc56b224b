import { COLLECTED_RESOURCE_TYPES } from '@tally/database';
import { BUILTIN_MEASUREMENTS } from '@tally/metering';
import { GANETI_MEASUREMENT_KEYS } from '../ganeti';
import { SSH_MEASUREMENT_KEYS } from '../ssh';
import { checkPlugins } from './plugin-registry';

const ganeti = { name: 'ganeti', resourceType: 'ganeti-vm', measurementKeys: GANETI_MEASUREMENT_KEYS };
const ssh = { name: 'ssh', resourceType: 'node', measurementKeys: ['node.up', ...SSH_MEASUREMENT_KEYS] };
const check = (plugins: (typeof ganeti | typeof ssh)[]) => () => checkPlugins(plugins, BUILTIN_MEASUREMENTS, COLLECTED_RESOURCE_TYPES);

describe('collector plugin registry', () => {
  it('accepts the shipped plugins, which together produce every collected built-in', () => {
    expect(check([ganeti, ssh])).not.toThrow();
    const produced = [...ganeti.measurementKeys, ...ssh.measurementKeys].sort();
    expect(produced).toEqual(BUILTIN_MEASUREMENTS.filter((m) => m.source !== 'push').map((m) => m.key).sort());
  });

  it('refuses a type with no plugin or two', () => {
    expect(check([ganeti])).toThrow(/resource type node has 0 plugins \(none\)/);
    expect(check([ganeti, ssh, { ...ssh, name: 'ssh' }])).toThrow(/resource type node has 2 plugins/);
  });

  it('refuses a key missing from the catalog or fed by another source', () => {
    expect(check([ganeti, { ...ssh, measurementKeys: [...ssh.measurementKeys, 'gpu.busy'] }])).toThrow(/ssh declares gpu.busy, which is not in the built-in catalog/);
    expect(check([{ ...ganeti, measurementKeys: [...GANETI_MEASUREMENT_KEYS, 'node.up'] as never }, ssh])).toThrow(/ganeti declares node.up, whose catalog source is ssh/);
  });
});
