import { readFileSync } from 'fs';
import { join } from 'path';
import { PollParseError } from './poll-parse.error';
import { SSH_SECTIONS, SshSection } from './ssh-command';
import { parseSshOutput } from './ssh-output.parser';

// Captured by running SSH_POLL_COMMAND on the Debian 12 VM the suite was written on.
const captured = readFileSync(join(__dirname, '__fixtures__', 'debian-12-vm.txt'), 'utf8');

const NET_HEADER = [
  'Inter-|   Receive                                                |  Transmit',
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
];
const netRow = (iface: string, rx: number, tx: number) =>
  `${iface.padStart(6)}: ${rx} 10 0 0 0 0 0 0 ${tx} 20 0 0 0 0 0 0`;
const DF_HEADER = 'Filesystem     Type     1-blocks        Used   Available Capacity Mounted on';

const base: Record<SshSection, string> = {
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

function render(sections: Partial<Record<SshSection, string | null>> = {}, end = true): string {
  const out: string[] = [];
  for (const name of SSH_SECTIONS) {
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

describe('parseSshOutput', () => {
  it('reads output captured from a real host', () => {
    const { bootId, values } = parseSshOutput(captured);
    expect(bootId).toBe('89512f93-dd22-4297-bdbb-11c2eff8a09e');
    expect(values).toEqual({
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
  });

  it('does the arithmetic the design asks for', () => {
    const { values } = parseSshOutput(render());
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

  it('divides by CLK_TCK and accepts kernels without guest fields', () => {
    const { values } = parseSshOutput(render({ clk_tck: '250', stat: 'cpu  500 0 250 100 0 0 0 0' }));
    expect(values['cpu.busy']).toBe(3);
  });

  it('accepts an interface glued to its counters and login noise before the output', () => {
    const netDev = [...NET_HEADER, 'eth0:123 1 0 0 0 0 0 0 456 1 0 0 0 0 0 0'].join('\n');
    const { values } = parseSshOutput(`Welcome to host\n${render({ net_dev: netDev })}`);
    expect(values['net.rx']).toBe(123);
    expect(values['net.tx']).toBe(456);
  });

  it('counts a host whose only interface is lo as zero traffic, not an error', () => {
    const { values } = parseSshOutput(render({ net_dev: [...NET_HEADER, netRow('lo', 9, 9)].join('\n') }));
    expect(values['net.rx']).toBe(0);
  });

  it.each([
    ['boot_id', { boot_id: 'not-a-uuid' }, /boot_id: not a UUID/],
    ['clk_tck', { clk_tck: 'abc' }, /clk_tck: CLK_TCK is not a number/],
    ['clk_tck zero', { clk_tck: '0' }, /clk_tck: CLK_TCK is 0/],
    ['cpu_online', { cpu_online: '0-' }, /cpu_online: not a CPU list/],
    ['stat line', { stat: 'intr 1 2 3' }, /stat: expected the "cpu" line/],
    ['stat short', { stat: 'cpu 1 2 3' }, /stat: expected at least 8 counters/],
    ['stat field', { stat: 'cpu 1 2 x 4 5 6 7 8' }, /stat: field 3 is not a number: "x"/],
    ['meminfo', { meminfo: 'MemTotal: 2000 kB' }, /meminfo: MemAvailable missing/],
    ['meminfo unit', { meminfo: 'MemTotal: 2000 MB\nMemAvailable: 1 kB' }, /meminfo: unexpected line/],
    ['df header', { df: 'Filesystem 1K-blocks Used\n/dev/sda 1 1 0 1% /' }, /df: unexpected header/],
    ['df number', { df: `${DF_HEADER}\n/dev/sda ext4 1.5T 1 0 1% /` }, /df: size of \/dev\/sda is not a number/],
    ['df empty', { df: DF_HEADER }, /df: no local filesystem listed/],
    ['net_dev', { net_dev: 'eth0 1 2' }, /net_dev: header missing/],
    ['net_dev short', { net_dev: [...NET_HEADER, 'eth0: 1 2 3'].join('\n') }, /net_dev: eth0: expected 16 counters/],
    ['loadavg', { loadavg: 'n/a' }, /loadavg: not a number/],
    ['empty section', { loadavg: '' }, /loadavg: expected 1 line, got 0/],
    ['missing section', { meminfo: null }, /meminfo: section missing$/],
  ])('rejects a bad %s section, naming it', (_name, sections, message) => {
    expect(parseError(render(sections as Partial<Record<SshSection, string | null>>)).message).toMatch(message);
  });

  it('reports a section whose command failed on the host', () => {
    const e = parseError(render({ df: '@@tally-error 1 df: no file systems processed' }));
    expect(e.section).toBe('df');
    expect(e.message).toBe('df: command failed: 1 df: no file systems processed');
  });

  it('rejects garbage', () => {
    expect(parseError('\u0000\u0001 bash: foo: command not found\n').message).toMatch(
      /^output: no "@@tally" sections found \(output starts with "\?\? bash: foo/,
    );
    expect(parseError('').message).toMatch(/no "@@tally" sections/);
  });

  it('rejects truncated output', () => {
    const full = render();
    const cut = full.slice(0, full.indexOf('@@tally net_dev') + 20);
    expect(parseError(cut).message).toBe('loadavg: section missing (output truncated)');
    expect(parseError(render({}, false)).message).toBe('output: end marker missing (output truncated)');
  });

  it('rejects duplicated and unknown sections', () => {
    expect(parseError(`@@tally loadavg\n1 1 1 1/1 1\n${render()}`).message).toMatch(/loadavg: section printed twice/);
    expect(parseError(`@@tally bogus\n1\n${render()}`).message).toMatch(/unknown section "bogus"/);
  });

  it('never returns a guessed zero for a counter it could not read', () => {
    expect(() => parseSshOutput(render({ stat: 'cpu  ' }))).toThrow(PollParseError);
    expect(() => parseSshOutput(render({ net_dev: NET_HEADER.join('\n') }))).toThrow(/no interfaces/);
  });
});
