/**
 * Every measurement an SSH poll can read, in one place. `stored` entries are in the catalog
 * table today (design §3) and are what the plugin writes; the others are proposed keys the
 * storage step adds to the measurements table with this kind and unit, once samples carry a
 * device. `scope` says where a value lives: `host` (one value per poll), `device` (one per
 * mount, disk, interface, GPU, sensor, tracked file or process check), or `both` (per
 * device, with the host value as the total, e.g. `net.rx` without `lo`).
 */
export interface SshMeasurementSpec {
  kind: 'gauge' | 'counter';
  unit: string;
  scope: 'host' | 'device' | 'both';
  /** What names the device, for device and both scopes. */
  device?: 'mount' | 'disk' | 'interface' | 'gpu' | 'sensor' | 'file' | 'check';
  stored: boolean;
  description: string;
}

export const SSH_MEASUREMENTS = {
  'cpu.count': { kind: 'gauge', unit: 'CPU', scope: 'host', stored: true, description: 'Online CPUs' },
  'cpu.busy': { kind: 'counter', unit: 's', scope: 'host', stored: true, description: 'Busy CPU seconds, guest time excluded' },
  'memory.total': { kind: 'gauge', unit: 'byte', scope: 'host', stored: true, description: 'Physical memory' },
  'memory.used': { kind: 'gauge', unit: 'byte', scope: 'host', stored: true, description: 'Memory not available for new work (Linux: MemTotal − MemAvailable)' },
  'disk.total': { kind: 'gauge', unit: 'byte', scope: 'host', stored: true, description: 'Size of local filesystems, each device once' },
  'disk.used': { kind: 'gauge', unit: 'byte', scope: 'host', stored: true, description: 'Used space on local filesystems, each device once' },
  'net.rx': { kind: 'counter', unit: 'byte', scope: 'both', device: 'interface', stored: true, description: 'Bytes received; the host total leaves out loopback' },
  'net.tx': { kind: 'counter', unit: 'byte', scope: 'both', device: 'interface', stored: true, description: 'Bytes sent; the host total leaves out loopback' },
  'load.1m': { kind: 'gauge', unit: '', scope: 'host', stored: true, description: 'One-minute load average' },
  'load.5m': { kind: 'gauge', unit: '', scope: 'host', stored: false, description: 'Five-minute load average' },
  'load.15m': { kind: 'gauge', unit: '', scope: 'host', stored: false, description: 'Fifteen-minute load average' },
  'proc.total': { kind: 'gauge', unit: 'process', scope: 'host', stored: false, description: 'Processes the SSH user can see (the poll’s own included)' },
  'proc.running': { kind: 'gauge', unit: 'process', scope: 'host', stored: false, description: 'Processes in state R (the poll’s reader included)' },
  'proc.zombie': { kind: 'gauge', unit: 'process', scope: 'host', stored: false, description: 'Processes in state Z' },
  'kernel.modules': { kind: 'gauge', unit: 'module', scope: 'host', stored: false, description: 'Kernel modules loaded (the set itself is in the reading, with a digest)' },
  'fs.size': { kind: 'gauge', unit: 'byte', scope: 'device', device: 'mount', stored: false, description: 'Filesystem size, by mount point' },
  'fs.used': { kind: 'gauge', unit: 'byte', scope: 'device', device: 'mount', stored: false, description: 'Filesystem space used, by mount point' },
  'fs.inodes.total': { kind: 'gauge', unit: 'inode', scope: 'device', device: 'mount', stored: false, description: 'Inodes of the filesystem, by mount point' },
  'fs.inodes.used': { kind: 'gauge', unit: 'inode', scope: 'device', device: 'mount', stored: false, description: 'Inodes in use, by mount point' },
  'disk.read.bytes': { kind: 'counter', unit: 'byte', scope: 'device', device: 'disk', stored: false, description: 'Bytes read from the block device' },
  'disk.write.bytes': { kind: 'counter', unit: 'byte', scope: 'device', device: 'disk', stored: false, description: 'Bytes written to the block device' },
  'disk.reads': { kind: 'counter', unit: 'op', scope: 'device', device: 'disk', stored: false, description: 'Read operations completed' },
  'disk.writes': { kind: 'counter', unit: 'op', scope: 'device', device: 'disk', stored: false, description: 'Write operations completed' },
  'disk.busy': { kind: 'counter', unit: 's', scope: 'device', device: 'disk', stored: false, description: 'Time the device had IO in flight' },
  'net.rx.packets': { kind: 'counter', unit: 'packet', scope: 'device', device: 'interface', stored: false, description: 'Packets received' },
  'net.tx.packets': { kind: 'counter', unit: 'packet', scope: 'device', device: 'interface', stored: false, description: 'Packets sent' },
  'net.rx.errors': { kind: 'counter', unit: 'packet', scope: 'device', device: 'interface', stored: false, description: 'Receive errors' },
  'net.tx.errors': { kind: 'counter', unit: 'packet', scope: 'device', device: 'interface', stored: false, description: 'Transmit errors' },
  'temp.celsius': { kind: 'gauge', unit: '°C', scope: 'device', device: 'sensor', stored: false, description: 'Temperature by sensor (hwmon chip/label, thermal zone, sysctl)' },
  'gpu.util': { kind: 'gauge', unit: '%', scope: 'device', device: 'gpu', stored: false, description: 'GPU utilisation, by GPU UUID' },
  'gpu.memory.used': { kind: 'gauge', unit: 'byte', scope: 'device', device: 'gpu', stored: false, description: 'GPU memory used' },
  'gpu.memory.total': { kind: 'gauge', unit: 'byte', scope: 'device', device: 'gpu', stored: false, description: 'GPU memory' },
  'gpu.temp': { kind: 'gauge', unit: '°C', scope: 'device', device: 'gpu', stored: false, description: 'GPU core temperature' },
  'gpu.power': { kind: 'gauge', unit: 'W', scope: 'device', device: 'gpu', stored: false, description: 'GPU power draw' },
  'file.size': { kind: 'gauge', unit: 'byte', scope: 'device', device: 'file', stored: false, description: 'Size of a tracked file (its SHA-256 is in the reading)' },
  'file.mtime': { kind: 'gauge', unit: 's', scope: 'device', device: 'file', stored: false, description: 'Modification time of a tracked file, seconds since the epoch' },
  'proc.check': { kind: 'gauge', unit: 'process', scope: 'device', device: 'check', stored: false, description: 'Processes matching a configured check; 0 is a real answer' },
} as const satisfies Record<string, SshMeasurementSpec>;

export type SshMeasurementKey = keyof typeof SSH_MEASUREMENTS;

/** Keys stored today: what `SshPlugin` declares and writes (`node.up` is its own). */
export const SSH_MEASUREMENT_KEYS = (Object.keys(SSH_MEASUREMENTS) as SshMeasurementKey[]).filter((k) => SSH_MEASUREMENTS[k].stored);
export type SshStoredKey = {
  [K in SshMeasurementKey]: (typeof SSH_MEASUREMENTS)[K]['stored'] extends true ? K : never;
}[SshMeasurementKey];

export function isCounter(key: string): boolean {
  return (SSH_MEASUREMENTS as Record<string, SshMeasurementSpec>)[key]?.kind === 'counter';
}
