import { readFileSync } from 'fs';
import { join } from 'path';
import { bootUuid } from './parsers/bsd.parser';
import { parseSshOutput, SshReading, storedValues } from './ssh-output.parser';
import { SshPollSpec } from './ssh-poll-spec';

// Real outputs; where each comes from is in __fixtures__/README.md.
const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const devicesOf = (r: SshReading, m: string) => Object.fromEntries(r.devices.filter((d) => d.measurement === m).map((d) => [d.device, d.value]));
const reasonOf = (r: SshReading, key: string, device?: string) =>
  r.unavailable.find((u) => u.key === key && u.device === device)?.reason;

/** The spec the machine fixture was captured with. */
const THIS_MACHINE_SPEC: SshPollSpec = {
  files: ['/etc/hostname', '/etc/no-such-file'],
  processChecks: [
    { label: 'init', process: 'init' },
    { label: 'root', user: 'root' },
    { label: 'nobody-sshd', user: 'nobody', commandLine: 'sshd' },
  ],
};

describe('a Linux VM without sensors, modules or GPU (this machine, full command)', () => {
  const r = parseSshOutput(fixture('linux-this-machine.txt'), THIS_MACHINE_SPEC);

  it('reads every per-host value and each device', () => {
    expect(r.platform).toBe('linux');
    expect(r.bootId).toBe('04372a7c-93d6-495c-8e5b-22dbe8370943');
    expect(storedValues(r)).toEqual({
      'cpu.count': 2,
      'cpu.busy': (206512 + 183 + 30746 + 0 + 1336 + 893) / 100,
      'memory.total': 24731184 * 1024,
      'memory.used': (24731184 - 22039576) * 1024,
      'disk.total': 270553174016,
      'disk.used': 28113178624,
      'net.rx': 1723018304,
      'net.tx': 9988866,
      'load.1m': 5.39,
    });
    expect(r.host).toMatchObject({ 'load.5m': 5.91, 'load.15m': 4.12, 'proc.running': 7, 'proc.total': 137, 'proc.zombie': 0 });
    expect(devicesOf(r, 'fs.size')).toEqual({ '/': 270553174016 });
    expect(devicesOf(r, 'fs.inodes.total')).toEqual({ '/': 16777216 });
    expect(devicesOf(r, 'fs.inodes.used')).toEqual({ '/': 687808 });
    expect(Object.keys(devicesOf(r, 'net.rx')).sort()).toEqual(['eth0', 'ifb0', 'ifb1', 'lo']);
    // vda only: loop and zram are memory, and there are no partitions to double.
    expect(devicesOf(r, 'disk.reads')).toEqual({ vda: 31165 });
    expect(devicesOf(r, 'disk.writes')).toEqual({ vda: 180995 });
    expect(devicesOf(r, 'disk.read.bytes')).toEqual({ vda: 1885930 * 512 });
    expect(devicesOf(r, 'disk.write.bytes')).toEqual({ vda: 16364880 * 512 });
    expect(devicesOf(r, 'disk.busy')).toEqual({ vda: 19.624 });
  });

  it('says why there are no temperatures, modules or GPUs instead of writing zeros', () => {
    expect(reasonOf(r, 'temp.celsius')).toBe('no temperature sensors (no hwmon temp*_input, no thermal zone)');
    expect(reasonOf(r, 'kernel.modules')).toBe('modules: no /proc/modules: kernel without loadable modules');
    expect(reasonOf(r, 'gpu.util')).toBe('gpu: nvidia-smi not found');
    expect(r.kernelModules).toBeNull();
    for (const m of ['temp.celsius', 'kernel.modules', 'gpu.util', 'gpu.power']) expect(devicesOf(r, m)).toEqual({});
  });

  it('tracks the configured files and counts the configured checks', () => {
    expect(r.files).toEqual([
      { path: '/etc/hostname', size: 3, mtime: 1796114737, sha256: '427f93cafd9cc19be6eec03e590c9c6cdf9f688a5eaf21fa8d72351e2b15fd05' },
    ]);
    expect(reasonOf(r, 'file.size', '/etc/no-such-file')).toBe('no such file');
    expect(devicesOf(r, 'proc.check')).toEqual({ init: 0, root: 121, 'nobody-sshd': 0 });
  });
});

describe('a Linux host with two NVIDIA GPUs', () => {
  const machine = fixture('linux-this-machine.txt');
  const withGpus = machine.replace('@@tally gpu\n@@tally-none nvidia-smi not found\n', `@@tally gpu\n${fixture('nvidia-smi-two-gpus.csv')}`);
  const r = parseSshOutput(withGpus, THIS_MACHINE_SPEC);

  it('names each GPU by its UUID and converts MiB to bytes', () => {
    const a = 'GPU-5fd2f5bb-12a1-ad58-a590-2f48aa312d92';
    const b = 'GPU-064b552e-b923-6fed-6f91-386f97032a9d';
    expect(devicesOf(r, 'gpu.util')).toEqual({ [a]: 0, [b]: 0 });
    expect(devicesOf(r, 'gpu.memory.used')).toEqual({ [a]: 0, [b]: 0 });
    expect(devicesOf(r, 'gpu.memory.total')).toEqual({ [a]: 16380 * 1048576, [b]: 16380 * 1048576 });
    expect(devicesOf(r, 'gpu.temp')).toEqual({ [a]: 32, [b]: 35 });
    expect(devicesOf(r, 'gpu.power')).toEqual({ [a]: 30.5, [b]: 34.51 });
    expect(r.unavailable.filter((u) => u.key.startsWith('gpu.'))).toEqual([]);
  });

  it('gives a reason, not a value, for what a GPU does not report', () => {
    const line = '0, GPU-5fd2f5bb-12a1-ad58-a590-2f48aa312d92, NVIDIA GeForce RTX 4060 Ti, [N/A], 0, 16380, 32, [Not Supported]';
    const na = parseSshOutput(machine.replace('@@tally-none nvidia-smi not found', line), THIS_MACHINE_SPEC);
    expect(devicesOf(na, 'gpu.power')).toEqual({});
    expect(reasonOf(na, 'gpu.power', 'GPU-5fd2f5bb-12a1-ad58-a590-2f48aa312d92')).toBe('nvidia-smi: [Not Supported]');
    expect(reasonOf(na, 'gpu.util', 'GPU-5fd2f5bb-12a1-ad58-a590-2f48aa312d92')).toBe('nvidia-smi: [N/A]');
    expect(devicesOf(na, 'gpu.temp')).toEqual({ 'GPU-5fd2f5bb-12a1-ad58-a590-2f48aa312d92': 32 });
  });
});

describe('a FreeBSD 14.4 host', () => {
  const r = parseSshOutput(fixture('freebsd-14.txt'));

  it('reads sysctl, df, netstat and ps', () => {
    expect(r.platform).toBe('freebsd');
    expect(r.bootId).toBe(bootUuid('freebsd', 1790798684));
    expect(storedValues(r)).toEqual({
      'cpu.count': 4,
      'memory.total': 4248858624,
      'memory.used': 4248858624 - (518559 + 253899 + 0) * 4096,
      // UFS on a gmirror; devfs, procfs and fdescfs are not disks.
      'disk.total': 942033884 * 1024,
      'disk.used': 377957580 * 1024,
      'net.rx': 10224076134,
      'net.tx': 9129830082,
      'load.1m': 0.32,
    });
    expect(r.host).toMatchObject({ 'load.5m': 0.33, 'load.15m': 0.25, 'proc.total': 4, 'proc.running': 1, 'proc.zombie': 0 });
    expect(devicesOf(r, 'temp.celsius')).toEqual({ 'acpi/tz0': 40.1 });
    expect(devicesOf(r, 'net.rx.packets')).toEqual({ re0: 43398306, lo0: 0 });
    expect(devicesOf(r, 'fs.used')).toEqual({ '/': 377957580 * 1024 });
  });

  it('explains each value it could not give', () => {
    expect(reasonOf(r, 'cpu.busy')).toBe('sysctl: kern.clockrate not in the output');
    expect(reasonOf(r, 'fs.inodes.total')).toBe('df printed no inode columns');
    expect(reasonOf(r, 'disk.reads')).toMatch(/^not read on FreeBSD/);
  });

  it('gives busy seconds in statclock ticks when kern.clockrate is there', () => {
    const withRate = fixture('freebsd-14.txt').replace('hw.ncpu: 4', 'hw.ncpu: 4\nkern.clockrate: { hz = 1000, tick = 1000, profhz = 8128, stathz = 127 }');
    expect(parseSshOutput(withRate).host['cpu.busy']).toBeCloseTo((12473173 + 1 + 3448733 + 167285) / 127, 6);
  });
});

describe('a macOS host', () => {
  const r = parseSshOutput(fixture('macos.txt'));

  it('reads sysctl, vm_stat, df and netstat', () => {
    expect(r.platform).toBe('darwin');
    expect(r.bootId).toBe(bootUuid('darwin', 1232765114));
    expect(storedValues(r)).toEqual({
      'memory.total': 17179869184,
      'memory.used': 17179869184 - (2155305 + 189127 + 531321) * 4096,
      'disk.total': 488555536 * 512,
      'disk.used': 313696448 * 512,
      // lo0 left out; en1, en0, utun0 and the rest summed.
      'net.rx': 2530556736 + 324,
      'net.tx': 18228234970 + 2394 + 1038 + 740,
    });
    expect(devicesOf(r, 'fs.inodes.total')).toEqual({ '/': 39276054 + 21793386 });
    // Interfaces marked down keep their name without the "*".
    expect(Object.keys(devicesOf(r, 'net.rx')).sort()).toEqual(['en0', 'en1', 'fw0', 'gif0', 'lo0', 'p2p0', 'stf0', 'utun0']);
  });

  it('says what macOS cannot give from sh', () => {
    expect(reasonOf(r, 'cpu.busy')).toMatch(/^macOS has no kern.cp_time/);
    expect(reasonOf(r, 'temp.celsius')).toMatch(/^macOS exposes no temperatures/);
    expect(reasonOf(r, 'cpu.count')).toBe('sysctl: hw.ncpu not in the output');
    expect(reasonOf(r, 'proc.total')).toBe('ps_stat: section missing');
  });
});

describe('bootUuid', () => {
  it('is a UUID that changes with the boot second only', () => {
    expect(bootUuid('freebsd', 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bootUuid('freebsd', 1)).toBe(bootUuid('freebsd', 1));
    expect(bootUuid('freebsd', 1)).not.toBe(bootUuid('freebsd', 2));
    expect(bootUuid('freebsd', 1)).not.toBe(bootUuid('darwin', 1));
  });
});
