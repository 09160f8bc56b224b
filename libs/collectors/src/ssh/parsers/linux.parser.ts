import { createHash } from 'crypto';
import { NON_LOCAL_FS_TYPES } from '../ssh-command';
import { PollParseError } from '../poll-parse.error';
import { Item } from './item';
import { clip, isUint, safeSum, single, uint } from './values';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const bootId: Item = {
  sections: ['boot_id'],
  keys: [],
  facts: ['boot_id'],
  parse([lines], out) {
    const id = single('boot_id', lines).trim();
    if (!UUID.test(id)) throw new PollParseError('boot_id', `not a UUID: "${clip(id)}"`);
    out.bootId = id;
  },
};

/** `/sys/devices/system/cpu/online` is a range list such as `0-3,6,8-9`. */
const cpuCount: Item = {
  sections: ['cpu_online'],
  keys: ['cpu.count'],
  parse([lines], out) {
    const list = single('cpu_online', lines).trim();
    if (!/^\d{1,6}(-\d{1,6})?(,\d{1,6}(-\d{1,6})?)*$/.test(list)) {
      throw new PollParseError('cpu_online', `not a CPU list: "${clip(list)}"`);
    }
    let count = 0;
    for (const part of list.split(',')) {
      const [lo, hi = lo] = part.split('-').map(Number);
      if (hi < lo) throw new PollParseError('cpu_online', `descending range "${part}"`);
      count += hi - lo + 1;
    }
    out.value('cpu.count', count);
  },
};

/**
 * Busy seconds from the aggregate `cpu` line of /proc/stat. Fields: user nice system idle
 * iowait irq softirq steal guest guest_nice. Busy = user + nice + system + irq + softirq
 * + steal; idle and iowait are waiting, not work. The kernel already counts guest time
 * inside user (and guest_nice inside nice), so both are subtracted: adding them would
 * bill a hypervisor's guests twice. guest/guest_nice are absent before Linux 2.6.24/2.6.33,
 * where there is nothing to subtract.
 */
const cpuBusy: Item = {
  sections: ['stat', 'clk_tck'],
  keys: ['cpu.busy'],
  parse([stat, clk], out) {
    const tck = uint('clk_tck', single('clk_tck', clk).trim(), 'CLK_TCK');
    if (tck === 0) throw new PollParseError('clk_tck', 'CLK_TCK is 0');
    const line = single('stat', stat).trim();
    const fields = line.split(/\s+/);
    if (fields[0] !== 'cpu') throw new PollParseError('stat', `expected the "cpu" line, got "${clip(line)}"`);
    const n = fields.slice(1).map((f, i) => uint('stat', f, `field ${i + 1}`));
    if (n.length < 8) throw new PollParseError('stat', `expected at least 8 counters, got ${n.length}`);
    const [user, nice, system, , , irq, softirq, steal, guest = 0, guestNice = 0] = n;
    const busy = user - guest + (nice - guestNice) + system + irq + softirq + steal;
    if (busy < 0) throw new PollParseError('stat', 'guest time exceeds user time');
    if (!Number.isSafeInteger(busy)) throw new PollParseError('stat', 'busy ticks too large');
    out.value('cpu.busy', busy / tck);
  },
};

const memory: Item = {
  sections: ['meminfo'],
  keys: ['memory.total', 'memory.used'],
  parse([lines], out) {
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
    if (!Number.isSafeInteger(total * 1024)) throw new PollParseError('meminfo', 'MemTotal too large');
    // /proc/meminfo says "kB" but means KiB.
    out.value('memory.total', total * 1024);
    out.value('memory.used', (total - available) * 1024);
  },
};

const EXCLUDED_FS = new Set<string>(NON_LOCAL_FS_TYPES);
const excludedFs = (type: string) => EXCLUDED_FS.has(type) || type.startsWith('fuse.');
/** Source, type, four numeric-ish columns, mount point (which may hold spaces). */
const DF_ROW = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.+)$/;

/**
 * `df -B1 -P -T`: Filesystem Type 1-blocks Used Available Capacity Mounted-on. Summed over
 * local filesystems, counting a device once however often it is mounted (bind mounts,
 * btrfs subvolumes would otherwise double the disk); each device also once by mount point.
 */
const df: Item = {
  sections: ['df'],
  keys: ['disk.total', 'disk.used', 'fs.size', 'fs.used'],
  parse([lines], out) {
    const [header, ...rows] = lines;
    if (!header || !/^Filesystem\s+Type\s+1-blocks\s+Used\s/.test(header)) {
      throw new PollParseError('df', `unexpected header "${clip(header ?? '')}"`);
    }
    const seen = new Set<string>();
    let total = 0;
    let used = 0;
    for (const row of rows) {
      const m = DF_ROW.exec(row.trim());
      if (!m) throw new PollParseError('df', `short line "${clip(row)}"`);
      const [, device, type, sizeText, usedText, , , mount] = m;
      const size = uint('df', sizeText, `size of ${device}`);
      const usedBytes = uint('df', usedText, `used of ${device}`);
      if (excludedFs(type) || seen.has(device)) continue;
      seen.add(device);
      total = safeSum('df', 'disk.total', total, size);
      used = safeSum('df', 'disk.used', used, usedBytes);
      out.device('fs.size', mount, size);
      out.device('fs.used', mount, usedBytes);
    }
    if (seen.size === 0) throw new PollParseError('df', 'no local filesystem listed');
    out.value('disk.total', total);
    out.value('disk.used', used);
  },
};

/** `df -i -P -T`: Filesystem Type Inodes IUsed IFree IUse% Mounted-on; the same devices as `df`. */
const dfInodes: Item = {
  sections: ['df_inodes'],
  keys: ['fs.inodes.total', 'fs.inodes.used'],
  parse([lines], out) {
    const [header, ...rows] = lines;
    if (!header || !/^Filesystem\s+Type\s+Inodes\s+IUsed\s/.test(header)) {
      throw new PollParseError('df_inodes', `unexpected header "${clip(header ?? '')}"`);
    }
    const seen = new Set<string>();
    for (const row of rows) {
      const m = DF_ROW.exec(row.trim());
      if (!m) throw new PollParseError('df_inodes', `short line "${clip(row)}"`);
      const [, device, type, inodes, iused, , , mount] = m;
      if (excludedFs(type) || seen.has(device)) continue;
      seen.add(device);
      // btrfs and vfat have no inode table: df prints 0 or "-", which is no count at all.
      if (!isUint(inodes) || !isUint(iused) || inodes === '0') {
        for (const key of ['fs.inodes.total', 'fs.inodes.used']) out.missing(key, `${type} reports no inode counts`, mount);
        continue;
      }
      out.device('fs.inodes.total', mount, Number(inodes));
      out.device('fs.inodes.used', mount, Number(iused));
    }
  },
};

/**
 * /proc/net/dev: two header lines, then `iface: rx_bytes packets errs ... (8 rx fields) tx_bytes
 * packets errs ...`. Every interface is a device; the host totals leave out `lo`.
 */
const net: Item = {
  sections: ['net_dev'],
  keys: ['net.rx', 'net.tx', 'net.rx.packets', 'net.tx.packets', 'net.rx.errors', 'net.tx.errors'],
  parse([lines], out) {
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
      if (f.length < 16) throw new PollParseError('net_dev', `${clip(iface)}: expected 16 counters, got ${f.length}`);
      const n = (i: number, what: string) => uint('net_dev', f[i], `${clip(iface)} ${what}`);
      const [ifaceRx, ifaceTx] = [n(0, 'rx bytes'), n(8, 'tx bytes')];
      out.device('net.rx', iface, ifaceRx);
      out.device('net.tx', iface, ifaceTx);
      out.device('net.rx.packets', iface, n(1, 'rx packets'));
      out.device('net.tx.packets', iface, n(9, 'tx packets'));
      out.device('net.rx.errors', iface, n(2, 'rx errors'));
      out.device('net.tx.errors', iface, n(10, 'tx errors'));
      if (iface === 'lo') continue;
      rx = safeSum('net_dev', 'net.rx', rx, ifaceRx);
      tx = safeSum('net_dev', 'net.tx', tx, ifaceTx);
    }
    out.value('net.rx', rx);
    out.value('net.tx', tx);
  },
};

/**
 * `/proc/loadavg`: `0.41 0.26 0.17 6/168 11331`. Each field on its own: one bad field costs
 * that measurement only. The fourth is the kernel's count of runnable tasks / all tasks.
 */
const load: Item = {
  sections: ['loadavg'],
  keys: ['load.1m', 'load.5m', 'load.15m', 'proc.running'],
  parse([lines], out) {
    const f = single('loadavg', lines).trim().split(/\s+/);
    (['load.1m', 'load.5m', 'load.15m'] as const).forEach((key, i) => {
      if (/^\d{1,9}(\.\d{1,9})?$/.test(f[i] ?? '')) out.value(key, Number(f[i]));
      else out.missing(key, `loadavg: not a number: "${clip(f[i] ?? '')}"`);
    });
    const running = /^(\d{1,9})\/\d{1,9}$/.exec(f[3] ?? '');
    if (running) out.value('proc.running', Number(running[1]));
    else out.missing('proc.running', `loadavg: no runnable/total field: "${clip(f[3] ?? '')}"`);
  },
};

const SECTOR = 512; // /proc/diskstats counts 512-byte sectors whatever the device's own size
const MEMORY_DISK = /^(loop|ram|zram)\d/;

/**
 * /proc/diskstats: major minor name reads merged sectors ms writes merged sectors ms inflight
 * io_ms ... Only whole disks (the entries of /sys/block) count: a partition's IO is already
 * its disk's. Loop and RAM disks are memory, not disk IO. Stacked devices (dm-*, md*) are
 * their own devices; no host total is given, since it would count their IO twice.
 */
const disks: Item = {
  sections: ['diskstats', 'block_devices'],
  keys: ['disk.read.bytes', 'disk.write.bytes', 'disk.reads', 'disk.writes', 'disk.busy'],
  parse([stats, blocks], out) {
    if (blocks.length === 1 && blocks[0].trim() === '*') throw new PollParseError('block_devices', 'no /sys/block: cannot tell disks from partitions');
    const whole = new Set(blocks.map((b) => b.trim().replace(/!/g, '/')));
    let listed = 0;
    for (const row of stats) {
      const f = row.trim().split(/\s+/);
      if (f.length < 14) throw new PollParseError('diskstats', `short line "${clip(row)}"`);
      const name = f[2];
      if (!whole.has(name) || MEMORY_DISK.test(name)) continue;
      const n = (i: number, what: string) => uint('diskstats', f[i], `${clip(name)} ${what}`);
      const [reads, sectorsRead, writes, sectorsWritten, busyMs] = [n(3, 'reads'), n(5, 'sectors read'), n(7, 'writes'), n(9, 'sectors written'), n(12, 'io ms')];
      listed++;
      out.device('disk.reads', name, reads);
      out.device('disk.writes', name, writes);
      out.device('disk.read.bytes', name, sectorsRead * SECTOR);
      out.device('disk.write.bytes', name, sectorsWritten * SECTOR);
      out.device('disk.busy', name, busyMs / 1000);
    }
    if (listed === 0) for (const key of disks.keys) out.missing(key, 'no block devices besides loop and RAM disks');
  },
};

/** `total N`, then the /proc/<pid>/stat lines of zombies. The state follows the last ")". */
const procs: Item = {
  sections: ['procs'],
  keys: ['proc.total', 'proc.zombie'],
  parse([lines], out) {
    const [first, ...rest] = lines;
    const m = /^total (\d{1,9})$/.exec(first?.trim() ?? '');
    if (!m) throw new PollParseError('procs', `expected "total N", got "${clip(first ?? '')}"`);
    let zombies = 0;
    for (const line of rest) {
      const close = line.lastIndexOf(') ');
      if (close > 0 && /^\d+ \(/.test(line) && line[close + 2] === 'Z') zombies++;
    }
    out.value('proc.total', Number(m[1]));
    out.value('proc.zombie', zombies);
  },
};

const modules: Item = {
  sections: ['modules'],
  keys: ['kernel.modules'],
  facts: ['kernel.modules'],
  parse([lines], out) {
    const names = new Set<string>();
    for (const line of lines) {
      const name = line.trim();
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new PollParseError('modules', `not a module name: "${clip(name)}"`);
      names.add(name);
    }
    const sorted = [...names].sort();
    out.value('kernel.modules', sorted.length);
    out.modules = { names: sorted, digest: createHash('sha256').update(sorted.join('\n')).digest('hex') };
  },
};

export const LINUX_ITEMS: readonly Item[] = [bootId, cpuCount, cpuBusy, memory, df, dfInodes, net, load, disks, procs, modules];
