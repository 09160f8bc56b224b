import { createHash } from 'crypto';
import { PollParseError } from '../poll-parse.error';
import { Item, Unsupported } from './item';
import { celsius } from './device.parser';
import { clip, decimal, safeSum, uint } from './values';

/** `name: value` lines of `sysctl a b c`; a name sysctl does not know is simply not there. */
function sysctlMap(lines: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(': ');
    if (colon > 0 && !map.has(line.slice(0, colon))) map.set(line.slice(0, colon), line.slice(colon + 2).trim());
  }
  return map;
}

function need(map: Map<string, string>, name: string): string {
  const v = map.get(name);
  if (v === undefined) throw new PollParseError('sysctl', `${name} not in the output`);
  return v;
}

/**
 * A stable boot id from `kern.boottime` (`{ sec = 1790798684, usec = 725700 } Wed Sep 30 …`):
 * a UUID made from the boot second, so it changes exactly when the host reboots. Only the
 * seconds are used: FreeBSD re-derives boottime when the clock is stepped, which moves usec.
 */
export function bootUuid(platform: string, sec: number): string {
  const h = createHash('sha256').update(`${platform}:kern.boottime:${sec}`).digest('hex');
  // Version 8 (custom), RFC 9562 variant.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function bootFrom(platform: string): Item {
  return {
    sections: ['sysctl'],
    keys: [],
    facts: ['boot_id'],
    parse([lines], out) {
      const v = need(sysctlMap(lines), 'kern.boottime');
      const m = /^\{ sec = (\d{1,12}), usec = \d{1,7} \}/.exec(v);
      if (!m) throw new PollParseError('sysctl', `kern.boottime unreadable: "${clip(v)}"`);
      out.bootId = bootUuid(platform, Number(m[1]));
    },
  };
}

const cpuCount: Item = {
  sections: ['sysctl'],
  keys: ['cpu.count'],
  parse([lines], out) {
    const n = uint('sysctl', need(sysctlMap(lines), 'hw.ncpu'), 'hw.ncpu');
    if (n === 0) throw new PollParseError('sysctl', 'hw.ncpu is 0');
    out.value('cpu.count', n);
  },
};

/**
 * FreeBSD `kern.cp_time`: user nice sys intr idle, summed over CPUs, in statclock ticks
 * (`kern.clockrate`'s stathz, not CLK_TCK). Busy = all but idle.
 */
const freebsdCpuBusy: Item = {
  sections: ['sysctl'],
  keys: ['cpu.busy'],
  parse([lines], out) {
    const map = sysctlMap(lines);
    const ticks = need(map, 'kern.cp_time').split(/\s+/).map((t, i) => uint('sysctl', t, `kern.cp_time field ${i + 1}`));
    if (ticks.length !== 5) throw new PollParseError('sysctl', `kern.cp_time: expected 5 counters, got ${ticks.length}`);
    const rate = /stathz = (\d{1,6})/.exec(need(map, 'kern.clockrate'));
    if (!rate || rate[1] === '0') throw new PollParseError('sysctl', 'kern.clockrate has no stathz');
    const [user, nice, sys, intr] = ticks;
    out.value('cpu.busy', safeSum('sysctl', 'kern.cp_time', safeSum('sysctl', 'kern.cp_time', user, nice), safeSum('sysctl', 'kern.cp_time', sys, intr)) / Number(rate[1]));
  },
};

/**
 * FreeBSD: total `hw.physmem`; used = total − (free + inactive + cache) pages, the pages
 * the VM can hand out without writing anything back. Laundry (dirty, to be written) counts
 * as used. `v_cache_count` went away with the cache queue; where it is missing there is none.
 */
const freebsdMemory: Item = {
  sections: ['sysctl'],
  keys: ['memory.total', 'memory.used'],
  parse([lines], out) {
    const map = sysctlMap(lines);
    const n = (name: string) => uint('sysctl', need(map, name), name);
    const total = n('hw.physmem');
    const page = map.has('vm.stats.vm.v_page_size') ? n('vm.stats.vm.v_page_size') : n('hw.pagesize');
    const cache = map.has('vm.stats.vm.v_cache_count') ? n('vm.stats.vm.v_cache_count') : 0;
    const available = (n('vm.stats.vm.v_free_count') + n('vm.stats.vm.v_inactive_count') + cache) * page;
    if (!Number.isSafeInteger(available) || available > total) throw new PollParseError('sysctl', 'free pages exceed hw.physmem');
    out.value('memory.total', total);
    out.value('memory.used', total - available);
  },
};

/** `vm.loadavg: { 0.32 0.33 0.25 }`. */
const load: Item = {
  sections: ['sysctl'],
  keys: ['load.1m', 'load.5m', 'load.15m'],
  parse([lines], out) {
    const v = need(sysctlMap(lines), 'vm.loadavg');
    const m = /^\{ (\S+) (\S+) (\S+) \}$/.exec(v);
    if (!m) throw new PollParseError('sysctl', `vm.loadavg unreadable: "${clip(v)}"`);
    (['load.1m', 'load.5m', 'load.15m'] as const).forEach((key, i) => out.value(key, decimal('sysctl', m[i + 1], key)));
  },
};

/** `hw.acpi.thermal.tz0.temperature: 40.1C`, `dev.cpu.3.temperature: 45.0C` (coretemp, amdtemp). */
const freebsdTemps: Item = {
  sections: ['sysctl'],
  keys: ['temp.celsius'],
  parse([lines], out) {
    let found = 0;
    for (const [name, value] of sysctlMap(lines)) {
      const m = /^(?:hw\.acpi\.thermal\.(tz\d+)|dev\.cpu\.(\d+))\.temperature$/.exec(name);
      if (!m) continue;
      found++;
      const sensor = m[1] ? `acpi/${m[1]}` : `cpu/${m[2]}`;
      const c = /^(-?\d{1,4}(\.\d{1,3})?)C$/.exec(value);
      celsius(out, sensor, c ? Number(c[1]) : undefined, value);
    }
    if (found === 0) out.missing('temp.celsius', 'no temperature sysctl (no ACPI thermal zone; coretemp/amdtemp not loaded)');
  },
};

/**
 * macOS: total `hw.memsize`; used = total − (free + inactive + speculative) pages of `vm_stat`,
 * the pages macOS can reuse at once. Compressed and wired memory count as used.
 */
const darwinMemory: Item = {
  sections: ['sysctl', 'vm_stat'],
  keys: ['memory.total', 'memory.used'],
  parse([sysctl, vmStat], out) {
    const total = uint('sysctl', need(sysctlMap(sysctl), 'hw.memsize'), 'hw.memsize');
    const page = /page size of (\d{1,7}) bytes/.exec(vmStat[0] ?? '');
    if (!page) throw new PollParseError('vm_stat', `no page size in "${clip(vmStat[0] ?? '')}"`);
    const pages = new Map<string, number>();
    for (const line of vmStat.slice(1)) {
      const m = /^"?([A-Za-z -]+)"?:\s+(\d{1,15})\.$/.exec(line.trim());
      if (m) pages.set(m[1], Number(m[2]));
    }
    const get = (name: string, optional = false) => {
      const v = pages.get(name);
      if (v === undefined && !optional) throw new PollParseError('vm_stat', `"${name}" missing`);
      return v ?? 0;
    };
    const available = (get('Pages free') + get('Pages inactive') + get('Pages speculative', true)) * Number(page[1]);
    if (!Number.isSafeInteger(available) || available > total) throw new PollParseError('vm_stat', 'free pages exceed hw.memsize');
    out.value('memory.total', total);
    out.value('memory.used', total - available);
  },
};

const PSEUDO_SOURCES = new Set(['devfs', 'fdescfs', 'procfs', 'linprocfs', 'linsysfs', 'tmpfs', 'mqueue', 'kernfs', 'ptyfs', 'nullfs', 'fusefs']);
/** A local disk: a /dev node, or a ZFS dataset (`zroot/ROOT/default`); not a map, share or null mount. */
const localSource = (s: string) =>
  s.startsWith('/dev/') || (!s.startsWith('/') && !PSEUDO_SOURCES.has(s) && /^[A-Za-z0-9_.-]+(\/[^\s@:]*)?$/.test(s));
/** Volumes that share one pool's space: an APFS container (`/dev/disk3s5` → disk3) or a ZFS pool. */
const poolOf = (s: string) => /^\/dev\/(disk\d+)s/.exec(s)?.[1] ?? (s.startsWith('/') ? s : s.split('/')[0]);

/**
 * `df -k -i -l` (BSD): Filesystem 1024-blocks Used Avail Capacity [iused ifree %iused] Mounted on.
 * The source may hold spaces (`map -hosts`), so a row is read around its run of numbers.
 * ZFS datasets and APFS volumes each report their pool's free space: a pool is counted once,
 * as the sum of its volumes' use plus that free space (never more than its largest size).
 */
const bsdDf: Item = {
  sections: ['df'],
  keys: ['disk.total', 'disk.used', 'fs.size', 'fs.used', 'fs.inodes.total', 'fs.inodes.used'],
  parse([lines], out) {
    const [header, ...rows] = lines;
    const h = /^Filesystem\s+(\d+)-blocks\s+Used\s+Avail(?:able)?\s+Capacity\s+(iused\s+ifree\s+%iused\s+)?Mounted on$/.exec(header?.trim() ?? '');
    if (!h) throw new PollParseError('df', `unexpected header "${clip(header ?? '')}"`);
    const block = Number(h[1]);
    const inodes = h[2] !== undefined;
    const row = inodes
      ? /^(.+?)\s+(\d+)\s+(\d+)\s+(-?\d+)\s+(\d+%|-)\s+(\d+)\s+(\d+)\s+(\d+%|-)\s+(\/.*)$/
      : /^(.+?)\s+(\d+)\s+(\d+)\s+(-?\d+)\s+(\d+%|-)\s+(\/.*)$/;
    const pools = new Map<string, { size: number; used: number; avail: number; rows: number }>();
    const seen = new Set<string>();
    for (const text of rows) {
      const m = row.exec(text.trim());
      if (!m) throw new PollParseError('df', `unreadable line "${clip(text)}"`);
      const source = m[1];
      const mount = m[inodes ? 9 : 6];
      if (!localSource(source) || seen.has(source)) continue;
      seen.add(source);
      const n = (i: number, what: string) => uint('df', m[i], `${what} of ${clip(source)}`) * block;
      const [size, used] = [n(2, 'size'), n(3, 'used')];
      const avail = Math.max(0, Number(m[4]) * block);
      out.device('fs.size', mount, size);
      out.device('fs.used', mount, used);
      if (inodes) {
        const [iused, ifree] = [uint('df', m[6], 'iused'), uint('df', m[7], 'ifree')];
        out.device('fs.inodes.total', mount, iused + ifree);
        out.device('fs.inodes.used', mount, iused);
      }
      const pool = pools.get(poolOf(source)) ?? { size: 0, used: 0, avail: 0, rows: 0 };
      pools.set(poolOf(source), { size: Math.max(pool.size, size), used: pool.used + used, avail: Math.max(pool.avail, avail), rows: pool.rows + 1 });
    }
    if (seen.size === 0) throw new PollParseError('df', 'no local filesystem listed');
    if (!inodes) for (const key of ['fs.inodes.total', 'fs.inodes.used']) out.missing(key, 'df printed no inode columns');
    let total = 0;
    let used = 0;
    for (const p of pools.values()) {
      total = safeSum('df', 'disk.total', total, p.rows === 1 ? p.size : Math.min(p.size, p.used + p.avail));
      used = safeSum('df', 'disk.used', used, p.used);
    }
    out.value('disk.total', total);
    out.value('disk.used', used);
  },
};

const NET_COLUMNS = { Ibytes: 'net.rx', Obytes: 'net.tx', Ipkts: 'net.rx.packets', Opkts: 'net.tx.packets', Ierrs: 'net.rx.errors', Oerrs: 'net.tx.errors' } as const;

/**
 * `netstat -ibn`: one `<Link#N>` row per interface carries its counters (address rows repeat
 * them per family). The Address column may be empty, so the numbers are read from the first
 * numeric token on, in the header's order. `lo*` is left out of the host totals.
 */
const bsdNet: Item = {
  sections: ['netstat'],
  keys: ['net.rx', 'net.tx', 'net.rx.packets', 'net.tx.packets', 'net.rx.errors', 'net.tx.errors'],
  parse([lines], out) {
    const [header, ...rows] = lines;
    const cols = header?.trim().split(/\s+/) ?? [];
    if (cols[0] !== 'Name' || !cols.includes('Ibytes') || !cols.includes('Obytes')) throw new PollParseError('netstat', `unexpected header "${clip(header ?? '')}"`);
    const valueCols = cols.slice(cols.indexOf('Address') + 1);
    let rx = 0;
    let tx = 0;
    const done = new Set<string>();
    for (const text of rows) {
      const f = text.trim().split(/\s+/);
      if (!/^<Link#\d+>$/.test(f[2] ?? '')) continue;
      const iface = f[0].replace(/\*$/, '');
      if (done.has(iface)) continue;
      done.add(iface);
      const values = /^(\d+|-)$/.test(f[3] ?? '') ? f.slice(3) : f.slice(4);
      for (const [col, key] of Object.entries(NET_COLUMNS)) {
        const text = values[valueCols.indexOf(col)];
        if (text !== undefined && /^\d{1,15}$/.test(text)) out.device(key, iface, Number(text));
        else out.missing(key, `netstat: no ${col} for this interface`, iface);
      }
      if (iface.startsWith('lo')) continue;
      const [ib, ob] = [values[valueCols.indexOf('Ibytes')], values[valueCols.indexOf('Obytes')]];
      rx = safeSum('netstat', 'net.rx', rx, uint('netstat', ib, `${clip(iface)} Ibytes`));
      tx = safeSum('netstat', 'net.tx', tx, uint('netstat', ob, `${clip(iface)} Obytes`));
    }
    if (done.size === 0) throw new PollParseError('netstat', 'no <Link#> rows');
    out.value('net.rx', rx);
    out.value('net.tx', tx);
  },
};

/** `ps -A -o stat=`: one state per process the SSH user may see. */
const psStat: Item = {
  sections: ['ps_stat'],
  keys: ['proc.total', 'proc.running', 'proc.zombie'],
  parse([lines], out) {
    if (lines.length === 0) throw new PollParseError('ps_stat', 'no processes listed');
    let running = 0;
    let zombie = 0;
    for (const line of lines) {
      const s = line.trim();
      if (!/^[A-Z][A-Za-z<>+]*$/.test(s)) throw new PollParseError('ps_stat', `not a process state: "${clip(s)}"`);
      if (s[0] === 'R') running++;
      else if (s[0] === 'Z') zombie++;
    }
    out.value('proc.total', lines.length);
    out.value('proc.running', running);
    out.value('proc.zombie', zombie);
  },
};

const DISK_IO = ['disk.read.bytes', 'disk.write.bytes', 'disk.reads', 'disk.writes', 'disk.busy'];

export const FREEBSD_ITEMS: readonly Item[] = [bootFrom('freebsd'), cpuCount, freebsdCpuBusy, freebsdMemory, load, freebsdTemps, bsdDf, bsdNet, psStat];
export const FREEBSD_UNSUPPORTED: readonly Unsupported[] = [
  { keys: DISK_IO, reason: 'not read on FreeBSD: iostat prints rates, not counters since boot' },
  { keys: ['kernel.modules'], reason: 'not read on FreeBSD yet (kldstat)' },
];

export const DARWIN_ITEMS: readonly Item[] = [bootFrom('darwin'), cpuCount, darwinMemory, load, bsdDf, bsdNet, psStat];
export const DARWIN_UNSUPPORTED: readonly Unsupported[] = [
  { keys: ['cpu.busy'], reason: 'macOS has no kern.cp_time; its CPU ticks are only in host_statistics(), which sh cannot call' },
  { keys: DISK_IO, reason: 'not read on macOS: iostat gives totals in MB with no read/write split' },
  { keys: ['temp.celsius'], reason: 'macOS exposes no temperatures to sh without privileges (powermetrics, SMC)' },
  { keys: ['kernel.modules'], reason: 'not read on macOS (kmutil is too slow for every poll)' },
];
