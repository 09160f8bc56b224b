import { END_MARKER, ERROR_MARKER, NON_LOCAL_FS_TYPES, SECTION_MARKER, SSH_SECTIONS, SshSection } from './ssh-command';
import { PollParseError } from './poll-parse.error';

/** Measurement keys an SSH poll yields (design §3); `node.up` is the caller's to record. */
export const SSH_MEASUREMENT_KEYS = [
  'cpu.count', 'cpu.busy', 'memory.total', 'memory.used',
  'disk.total', 'disk.used', 'net.rx', 'net.tx', 'load.1m',
] as const;
export type SshMeasurementKey = (typeof SSH_MEASUREMENT_KEYS)[number];

export interface SshPollValues {
  /** Counters (`cpu.busy`, `net.*`) restart when this changes. */
  bootId: string;
  values: Record<SshMeasurementKey, number>;
}

/**
 * Turns the output of `SSH_POLL_COMMAND` into measurements. Anything missing, failed or
 * non-numeric throws a `PollParseError`; a value is never guessed or defaulted to 0.
 */
export function parseSshOutput(output: string): SshPollValues {
  const s = splitSections(output);
  const clkTck = parseClkTck(s.clk_tck);
  const mem = parseMeminfo(s.meminfo);
  const disk = parseDf(s.df);
  const net = parseNetDev(s.net_dev);
  return {
    bootId: parseBootId(s.boot_id),
    values: {
      'cpu.count': parseCpuOnline(s.cpu_online),
      'cpu.busy': parseCpuBusyTicks(s.stat) / clkTck,
      'memory.total': mem.total,
      'memory.used': mem.used,
      'disk.total': disk.total,
      'disk.used': disk.used,
      'net.rx': net.rx,
      'net.tx': net.tx,
      'load.1m': parseLoadavg(s.loadavg),
    },
  };
}

function splitSections(output: string): Record<SshSection, string[]> {
  const lines = output.replace(/\r/g, '').split('\n');
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  let currentName = '';
  let ended = false;
  for (const line of lines) {
    if (line.startsWith(SECTION_MARKER)) {
      currentName = line.slice(SECTION_MARKER.length).trim();
      if (!(SSH_SECTIONS as readonly string[]).includes(currentName)) {
        throw new PollParseError('output', `unknown section "${clip(currentName)}"`);
      }
      if (found.has(currentName)) throw new PollParseError(currentName, 'section printed twice');
      current = [];
      found.set(currentName, current);
    } else if (line.trim() === END_MARKER) {
      ended = true;
      break;
    } else if (current) {
      if (line.startsWith(ERROR_MARKER)) {
        throw new PollParseError(currentName, `command failed: ${clip(line.slice(ERROR_MARKER.length))}`);
      }
      if (line.trim() !== '') current.push(line);
    }
    // Lines before the first marker are login noise (motd, a chatty shell rc): ignored.
  }
  if (found.size === 0) {
    throw new PollParseError('output', `no "@@tally" sections found (output starts with "${clip(output)}")`);
  }
  for (const name of SSH_SECTIONS) {
    if (!found.has(name)) {
      throw new PollParseError(name, ended ? 'section missing' : 'section missing (output truncated)');
    }
  }
  if (!ended) throw new PollParseError('output', 'end marker missing (output truncated)');
  return Object.fromEntries(found) as Record<SshSection, string[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseBootId(lines: string[]): string {
  const id = single('boot_id', lines).trim();
  if (!UUID.test(id)) throw new PollParseError('boot_id', `not a UUID: "${clip(id)}"`);
  return id;
}

function parseClkTck(lines: string[]): number {
  const tck = uint('clk_tck', single('clk_tck', lines).trim(), 'CLK_TCK');
  if (tck === 0) throw new PollParseError('clk_tck', 'CLK_TCK is 0');
  return tck;
}

/** `/sys/devices/system/cpu/online` is a range list such as `0-3,6,8-9`. */
function parseCpuOnline(lines: string[]): number {
  const list = single('cpu_online', lines).trim();
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(list)) {
    throw new PollParseError('cpu_online', `not a CPU list: "${clip(list)}"`);
  }
  let count = 0;
  for (const part of list.split(',')) {
    const [lo, hi = lo] = part.split('-').map(Number);
    if (hi < lo) throw new PollParseError('cpu_online', `descending range "${part}"`);
    count += hi - lo + 1;
  }
  return count;
}

/**
 * Busy ticks from the aggregate `cpu` line of /proc/stat. Fields: user nice system idle
 * iowait irq softirq steal guest guest_nice. Busy = user + nice + system + irq + softirq
 * + steal; idle and iowait are waiting, not work. The kernel already counts guest time
 * inside user (and guest_nice inside nice), so both are subtracted: adding them would
 * bill a hypervisor's guests twice. guest/guest_nice are absent before Linux 2.6.24/2.6.33,
 * where there is nothing to subtract.
 */
function parseCpuBusyTicks(lines: string[]): number {
  const line = single('stat', lines).trim();
  const fields = line.split(/\s+/);
  if (fields[0] !== 'cpu') throw new PollParseError('stat', `expected the "cpu" line, got "${clip(line)}"`);
  const n = fields.slice(1).map((f, i) => uint('stat', f, `field ${i + 1}`));
  if (n.length < 8) throw new PollParseError('stat', `expected at least 8 counters, got ${n.length}`);
  const [user, nice, system, , , irq, softirq, steal, guest = 0, guestNice = 0] = n;
  const busy = user - guest + (nice - guestNice) + system + irq + softirq + steal;
  if (busy < 0) throw new PollParseError('stat', 'guest time exceeds user time');
  return busy;
}

function parseMeminfo(lines: string[]): { total: number; used: number } {
  const kb = new Map<string, number>();
  for (const line of lines) {
    const m = /^(\w+):\s+(\S+)\s+kB$/.exec(line.trim());
    if (!m) throw new PollParseError('meminfo', `unexpected line "${clip(line)}"`);
    kb.set(m[1], uint('meminfo', m[2], m[1]));
  }
  const total = kb.get('MemTotal');
  const available = kb.get('MemAvailable');
  if (total === undefined) throw new PollParseError('meminfo', 'MemTotal missing');
  if (available === undefined) throw new PollParseError('meminfo', 'MemAvailable missing (kernel older than 3.14?)');
  if (available > total) throw new PollParseError('meminfo', 'MemAvailable exceeds MemTotal');
  // /proc/meminfo says "kB" but means KiB.
  return { total: total * 1024, used: (total - available) * 1024 };
}

const EXCLUDED_FS = new Set<string>(NON_LOCAL_FS_TYPES);

/**
 * `df -B1 -P -T`: Filesystem Type 1-blocks Used Available Capacity Mounted-on. Summed over
 * local filesystems, counting a device once however often it is mounted (bind mounts,
 * btrfs subvolumes would otherwise double the disk).
 */
function parseDf(lines: string[]): { total: number; used: number } {
  const [header, ...rows] = lines;
  if (!header || !/^Filesystem\s+Type\s+1-blocks\s+Used\s/.test(header)) {
    throw new PollParseError('df', `unexpected header "${clip(header ?? '')}"`);
  }
  const seen = new Set<string>();
  let total = 0;
  let used = 0;
  for (const row of rows) {
    const f = row.trim().split(/\s+/);
    if (f.length < 7) throw new PollParseError('df', `short line "${clip(row)}"`);
    const [device, type] = f;
    const size = uint('df', f[2], `size of ${device}`);
    const usedBytes = uint('df', f[3], `used of ${device}`);
    if (EXCLUDED_FS.has(type) || type.startsWith('fuse.') || seen.has(device)) continue;
    seen.add(device);
    total += size;
    used += usedBytes;
  }
  if (seen.size === 0) throw new PollParseError('df', 'no local filesystem listed');
  return { total, used };
}

/** /proc/net/dev: two header lines, then `iface: rx_bytes ... (8 rx fields) tx_bytes ...`. */
function parseNetDev(lines: string[]): { rx: number; tx: number } {
  if (lines.length < 2 || !lines[0].includes('|') || !lines[1].includes('|')) {
    throw new PollParseError('net_dev', 'header missing');
  }
  const rows = lines.slice(2);
  if (rows.length === 0) throw new PollParseError('net_dev', 'no interfaces listed');
  let rx = 0;
  let tx = 0;
  for (const row of rows) {
    const colon = row.indexOf(':');
    if (colon < 0) throw new PollParseError('net_dev', `unexpected line "${clip(row)}"`);
    const iface = row.slice(0, colon).trim();
    const f = row.slice(colon + 1).trim().split(/\s+/);
    if (f.length < 16) throw new PollParseError('net_dev', `${iface}: expected 16 counters, got ${f.length}`);
    const ifaceRx = uint('net_dev', f[0], `${iface} rx bytes`);
    const ifaceTx = uint('net_dev', f[8], `${iface} tx bytes`);
    if (iface === 'lo') continue;
    rx += ifaceRx;
    tx += ifaceTx;
  }
  return { rx, tx };
}

function parseLoadavg(lines: string[]): number {
  const first = single('loadavg', lines).trim().split(/\s+/)[0];
  if (!/^\d+(\.\d+)?$/.test(first)) throw new PollParseError('loadavg', `not a number: "${clip(first)}"`);
  return Number(first);
}

function single(section: string, lines: string[]): string {
  if (lines.length !== 1) throw new PollParseError(section, `expected 1 line, got ${lines.length}`);
  return lines[0];
}

function uint(section: string, text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw new PollParseError(section, `${what} is not a number: "${clip(text)}"`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new PollParseError(section, `${what} is too large: ${text}`);
  return n;
}

/** Keeps quoted host output short and printable in error messages. */
function clip(text: string): string {
  const flat = text.replace(/[^\x20-\x7e]/g, '?');
  return flat.length > 60 ? `${flat.slice(0, 60)}...` : flat;
}
