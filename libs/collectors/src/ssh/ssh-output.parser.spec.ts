import { readFileSync } from 'fs';
import { join } from 'path';
import { PollParseError } from './poll-parse.error';
import { parseSshOutput, SshReading, storedValues } from './ssh-output.parser';

// Captured by running the first poll command (8 sections) on the Debian 12 VM the suite was written on.
const captured = readFileSync(join(__dirname, '__fixtures__', 'debian-12-vm.txt'), 'utf8');

// The sections of that first command: outputs of hosts polled before the command grew.
const LEGACY = ['boot_id', 'clk_tck', 'cpu_online', 'stat', 'meminfo', 'df', 'net_dev', 'loadavg'] as const;
type Legacy = (typeof LEGACY)[number];

const NET_HEADER = [
  'Inter-|   Receive                                                |  Transmit',
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
];
const netRow = (iface: string, rx: number, tx: number) =>
  `${iface.padStart(6)}: ${rx} 10 0 0 0 0 0 0 ${tx} 20 0 0 0 0 0 0`;
const DF_HEADER = 'Filesystem     Type     1-blocks        Used   Available Capacity Mounted on';

const base: Record<Legacy, string> = {
  boot_id: '0b4a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
  clk_tck: '100',
  cpu_online: '0-3,6',
  stat: 'cpu  1000 200 300 9999 77 40 50 10 100 20',
  meminfo: 'MemTotal:       2000 kB\nMemAvailable:   500 kB',
  df: [
    DF_HEADER,
    '/dev/sda1      ext4     1000 400 600 40% /',
    '/dev/sda1      ext4     1000 400 600 40% /srv/bind mount',
    '/dev/sdb       xfs      5000 1000 4000 20% /data',
    'tmpfs          tmpfs    7777 7 7770 1% /run',
    'remote:/x      fuse.sshfs 9999 9 9990 1% /mnt/x',
  ].join('\n'),
  net_dev: [...NET_HEADER, netRow('lo', 5555, 5555), netRow('eth0', 100, 200), netRow('eth1', 1000, 2000)].join('\n'),
  loadavg: '1.25 0.50 0.10 2/300 4242',
};

function render(sections: Partial<Record<Legacy, string | null>> = {}, end = true): string {
  const out: string[] = [];
  for (const name of LEGACY) {
    const body = name in sections ? sections[name] : base[name];
    if (body === null) continue;
    out.push(`@@tally ${name}`, body as string);
  }
  if (end) out.push('@@tally-end');
  return `${out.join('\n')}\n`;
}

function parseError(output: string): PollParseError {
  try {
    parseSshOutput(output);
  } catch (e) {
    if (e instanceof PollParseError) return e;
    throw e;
  }
  throw new Error('expected a PollParseError');
}

const reasonsFor = (r: SshReading, key: string) => r.unavailable.filter((u) => u.key === key && u.device === undefined).map((u) => u.reason);

describe('parseSshOutput on the first command’s output', () => {
  it('reads output captured from a real host to the same numbers as before', () => {
    const r = parseSshOutput(captured);
    expect(r.bootId).toBe('89512f93-dd22-4297-bdbb-11c2eff8a09e');
    expect(storedValues(r)).toEqual({
      'cpu.count': 2,
      // (13133 user + 0 nice + 6619 system + 0 irq + 170 softirq + 868 steal) / 100
      'cpu.busy': 207.9,
      'memory.total': 24684084 * 1024,
      'memory.used': (24684084 - 23810884) * 1024,
      'disk.total': 270553174016,
      'disk.used': 24793735168,
      'net.rx': 407538412,
      'net.tx': 1166455,
      'load.1m': 0.41,
    });
    // What that command never printed is missing, each with why.
    expect(reasonsFor(r, 'disk.reads')).toEqual(['diskstats: section missing']);
  });

  it('does the arithmetic the design asks for', () => {
    const values = storedValues(parseSshOutput(render()));
    expect(values['cpu.count']).toBe(5);
    // user 1000 − guest 100 + nice 200 − guest_nice 20 + system 300 + irq 40 + softirq 50
    // + steal 10 = 1480 ticks; idle and iowait excluded.
    expect(values['cpu.busy']).toBeCloseTo(14.8, 10);
    expect(values['memory.total']).toBe(2000 * 1024);
    expect(values['memory.used']).toBe(1500 * 1024);
    // sda1 once despite the bind mount, sdb; tmpfs and fuse excluded.
    expect(values['disk.total']).toBe(6000);
    expect(values['disk.used']).toBe(1400);
    expect(values['net.rx']).toBe(1100);
    expect(values['net.tx']).toBe(2200);
    expect(values['load.1m']).toBe(1.25);
  });

  it('names each mount, interface and the load fields beside the totals', () => {
    const r = parseSshOutput(render());
    const of = (m: string) => Object.fromEntries(r.devices.filter((d) => d.measurement === m).map((d) => [d.device, d.value]));
    expect(of('fs.size')).toEqual({ '/': 1000, '/data': 5000 });
    expect(of('fs.used')).toEqual({ '/': 400, '/data': 1000 });
    // lo is a device of its own but not in the host total.
    expect(of('net.rx')).toEqual({ lo: 5555, eth0: 100, eth1: 1000 });
    expect(of('net.tx.packets')).toEqual({ lo: 20, eth0: 20, eth1: 20 });
    expect(r.host).toMatchObject({ 'load.5m': 0.5, 'load.15m': 0.1, 'proc.running': 2 });
  });

  it('divides by CLK_TCK and accepts kernels without guest fields', () => {
    expect(parseSshOutput(render({ clk_tck: '250', stat: 'cpu  500 0 250 100 0 0 0 0' })).host['cpu.busy']).toBe(3);
  });

  it('accepts an interface glued to its counters and login noise before the output', () => {
    const netDev = [...NET_HEADER, 'eth0:123 1 0 0 0 0 0 0 456 1 0 0 0 0 0 0'].join('\n');
    const { host } = parseSshOutput(`Welcome to host\n${render({ net_dev: netDev })}`);
    expect(host['net.rx']).toBe(123);
    expect(host['net.tx']).toBe(456);
  });

  it('counts a host whose only interface is lo as zero traffic, not an error', () => {
    expect(parseSshOutput(render({ net_dev: [...NET_HEADER, netRow('lo', 9, 9)].join('\n') })).host['net.rx']).toBe(0);
  });

  it.each([
    ['clk_tck', { clk_tck: 'abc' }, ['cpu.busy'], /^clk_tck: CLK_TCK is not a number/],
    ['clk_tck zero', { clk_tck: '0' }, ['cpu.busy'], /^clk_tck: CLK_TCK is 0/],
    ['cpu_online', { cpu_online: '0-' }, ['cpu.count'], /^cpu_online: not a CPU list/],
    ['stat line', { stat: 'intr 1 2 3' }, ['cpu.busy'], /^stat: expected the "cpu" line/],
    ['stat short', { stat: 'cpu 1 2 3' }, ['cpu.busy'], /^stat: expected at least 8 counters/],
    ['stat field', { stat: 'cpu 1 2 x 4 5 6 7 8' }, ['cpu.busy'], /^stat: field 3 is not a number: "x"/],
    ['meminfo', { meminfo: 'MemTotal: 2000 kB' }, ['memory.total', 'memory.used'], /^meminfo: MemAvailable missing/],
    ['meminfo unit', { meminfo: 'MemTotal: 2000 MB\nMemAvailable: 1 kB' }, ['memory.total'], /^meminfo: unexpected line/],
    ['df header', { df: 'Filesystem 1K-blocks Used\n/dev/sda 1 1 0 1% /' }, ['disk.total', 'disk.used'], /^df: unexpected header/],
    ['df number', { df: `${DF_HEADER}\n/dev/sda ext4 1.5T 1 0 1% /` }, ['disk.total'], /^df: size of \/dev\/sda is not a number/],
    ['df empty', { df: DF_HEADER }, ['disk.total'], /^df: no local filesystem listed/],
    ['net_dev', { net_dev: 'eth0 1 2' }, ['net.rx', 'net.tx'], /^net_dev: header missing/],
    ['net_dev short', { net_dev: [...NET_HEADER, 'eth0: 1 2 3'].join('\n') }, ['net.rx'], /^net_dev: eth0: expected 16 counters/],
    ['loadavg', { loadavg: 'n/a' }, ['load.1m'], /^loadavg: not a number/],
    ['empty section', { loadavg: '' }, ['load.1m'], /^loadavg: expected 1 line, got 0/],
    ['missing section', { meminfo: null }, ['memory.total', 'memory.used'], /^meminfo: section missing$/],
  ])('a bad %s section costs only its own measurements, with the reason', (_name, sections, keys, message) => {
    const r = parseSshOutput(render(sections as Partial<Record<Legacy, string | null>>));
    for (const key of keys) {
      expect(r.host).not.toHaveProperty(key);
      expect(reasonsFor(r, key)).toEqual([expect.stringMatching(message)]);
    }
    // The rest of the poll still counts.
    expect(Object.keys(storedValues(r)).length).toBeGreaterThanOrEqual(9 - 3);
  });

  it('reports a section whose command failed on the host', () => {
    const r = parseSshOutput(render({ df: '@@tally-error 1 df: no file systems processed' }));
    expect(reasonsFor(r, 'disk.total')).toEqual(['df: command failed: 1 df: no file systems processed']);
    expect(r.host['memory.total']).toBe(2000 * 1024);
  });

  it('fails the poll only for output with no section in it', () => {
    expect(parseError('\u0000\u0001 bash: foo: command not found\n').message).toMatch(
      /^output: no "@@tally" sections found \(output starts with "\?\? bash: foo/,
    );
    expect(parseError('').message).toMatch(/no "@@tally" sections/);
    expect(parseError('@@tally bogus\n1\n@@tally-end\n').message).toMatch(/^output: no known section for linux/);
  });

  it('trusts nothing of the section the output was cut in, nor what never came', () => {
    const full = render();
    const cut = parseSshOutput(full.slice(0, full.indexOf('@@tally net_dev') + 100));
    expect(reasonsFor(cut, 'net.rx')).toEqual(['net_dev: output truncated in this section']);
    expect(reasonsFor(cut, 'load.1m')).toEqual(['loadavg: section missing (output truncated)']);
    expect(reasonsFor(cut, 'output')).toEqual(['end marker missing (output truncated)']);
    expect(cut.host['memory.total']).toBe(2000 * 1024);
    const unended = parseSshOutput(render({}, false));
    expect(reasonsFor(unended, 'load.1m')).toEqual(['loadavg: output truncated in this section']);
  });

  it('distrusts a section printed twice and ignores unknown ones', () => {
    const twice = parseSshOutput(`@@tally loadavg\n9 9 9 1/1 1\n${render()}`);
    expect(reasonsFor(twice, 'load.1m')).toEqual(['loadavg: section printed twice']);
    expect(parseSshOutput(`@@tally bogus\n1\n${render()}`).host['load.1m']).toBe(1.25);
  });

  it('never returns a guessed zero for a counter it could not read', () => {
    expect(parseSshOutput(render({ stat: 'cpu  ' })).host).not.toHaveProperty('cpu.busy');
    const r = parseSshOutput(render({ net_dev: NET_HEADER.join('\n') }));
    expect(r.host).not.toHaveProperty('net.rx');
    expect(reasonsFor(r, 'net.rx')).toEqual(['net_dev: no interfaces listed']);
  });

  it('withholds every counter when the boot id is unreadable', () => {
    const r = parseSshOutput(render({ boot_id: 'not-a-uuid' }));
    expect(r.bootId).toBeNull();
    expect(reasonsFor(r, 'boot_id')).toEqual(['boot_id: not a UUID: "not-a-uuid"']);
    for (const key of ['cpu.busy', 'net.rx', 'net.tx']) {
      expect(r.host).not.toHaveProperty(key);
      expect(reasonsFor(r, key)).toContain('counter withheld: no boot id to tell a reboot from a reset');
    }
    expect(r.devices.filter((d) => d.measurement === 'net.rx')).toEqual([]);
    expect(r.host['memory.total']).toBe(2000 * 1024); // gauges stay
  });
});
