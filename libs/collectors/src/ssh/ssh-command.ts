import { EMPTY_POLL_SPEC, POLL_SPEC_LIMITS, pollSpecProblems, SshPollSpec } from './ssh-poll-spec';

/**
 * The one command a node poll runs: every measurement in a single exec, because sshd
 * allows few sessions per connection and each exec costs a round trip. POSIX sh only, no
 * agent: it reads /proc and /sys on Linux, and sysctl, netstat, df, ps, vm_stat on FreeBSD
 * and macOS, after asking `uname -s`.
 *
 * Output: `@@tally <section>` lines open each section, `@@tally-end` closes the output
 * (its absence means truncation). A failing section prints `@@tally-error <rc> <message>`;
 * a section whose subject does not exist on the host (no nvidia-smi, no /proc/modules)
 * prints `@@tally-none <reason>`. Either costs that section only.
 *
 * Cost matters (bench/poll): every exec is about a millisecond of host CPU, so files are
 * read with the shell's own `read` where they are small, and external tools run only where
 * nothing built in can do the job.
 */

export const SECTION_MARKER = '@@tally ';
export const ERROR_MARKER = '@@tally-error ';
export const NONE_MARKER = '@@tally-none ';
export const END_MARKER = '@@tally-end';

/** What the Linux branch prints, in order (`files`, `proc_checks` only when configured). */
export const LINUX_SECTIONS = [
  'platform', 'boot_id', 'clk_tck', 'cpu_online', 'stat', 'meminfo', 'df', 'df_inodes', 'net_dev', 'loadavg',
  'diskstats', 'block_devices', 'procs', 'modules', 'temps', 'gpu',
] as const;
export const BSD_SECTIONS = ['platform', 'sysctl', 'df', 'netstat', 'ps_stat', 'gpu'] as const;
export const DARWIN_SECTIONS = ['platform', 'sysctl', 'vm_stat', 'df', 'netstat', 'ps_stat', 'gpu'] as const;
export const SPEC_SECTIONS = ['files', 'proc_checks'] as const;

/**
 * Filesystem types that are not local disk. `df -l` already drops network filesystems;
 * the explicit list also removes memory-backed and layered ones. The parser applies the
 * same list (plus any `fuse.*`) to df's Type column, so a df that ignores `-x` is still safe.
 */
export const NON_LOCAL_FS_TYPES = [
  'tmpfs', 'devtmpfs', 'ramfs', 'overlay', 'aufs', 'squashfs', 'iso9660', 'udf',
  'nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', '9p', 'ceph', 'glusterfs', 'afs', 'autofs',
  'fuse', 'fuseblk', 'fuse.sshfs', 'fuse.lxcfs', 'fuse.gvfsd-fuse', 'efivarfs', 'nsfs',
] as const;

// `fuseblk` is a local block device (ntfs-3g, exfat) but its numbers come from a
// userspace driver that may hang; excluded like other fuse mounts.
const dfExcludes = NON_LOCAL_FS_TYPES.map((t) => `-x ${t}`).join(' ');

const NVIDIA_QUERY =
  'nvidia-smi --query-gpu=index,uuid,name,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw --format=csv,noheader,nounits';

// POSIX sh only. Double quotes inside, never single quotes or `!`: the whole script is
// wrapped in '...' below and must survive whatever login shell (bash, dash, csh) runs it.
const helpers = [
  // Nothing may wait for input: the channel's stdin stays open.
  'export LC_ALL=C; exec </dev/null',
  // h NAME: open section NAME. s NAME CMD...: run CMD, print its output or one error line.
  'h() { printf "@@tally %s\\n" "$1"; }',
  's() { n=$1; shift; o=$("$@" 2>&1); r=$?; h "$n";' +
    ' if [ $r -eq 0 ]; then printf "%s\\n" "$o";' +
    ' else printf "@@tally-error %s %s\\n" "$r" "$(printf "%s" "$o" | head -n 1)"; fi; }',
  // l NAME FILE: the first line of FILE, read by the shell itself (no exec).
  'l() { h "$1"; if [ -r "$2" ]; then read -r x < "$2"; printf "%s\\n" "$x"; else printf "@@tally-error 1 cannot read %s\\n" "$2"; fi; }',
  // y NAME CMD...: output as it comes, errors dropped: sysctl names each value it prints.
  'y() { h "$1"; shift; "$@" 2>/dev/null; }',
  `g() { if command -v nvidia-smi >/dev/null 2>&1; then s gpu ${NVIDIA_QUERY}; else h gpu; printf "@@tally-none nvidia-smi not found\\n"; fi; }`,
];

const linux = [
  'lx() {',
  'l boot_id /proc/sys/kernel/random/boot_id;',
  's clk_tck getconf CLK_TCK;',
  'l cpu_online /sys/devices/system/cpu/online;',
  // The aggregate "cpu" line is the first of /proc/stat.
  'l stat /proc/stat;',
  'h meminfo; if [ -r /proc/meminfo ]; then while read -r k v u; do case $k in MemTotal:|MemAvailable:) printf "%s %s %s\\n" "$k" "$v" "$u";; esac; done < /proc/meminfo;' +
    ' else printf "@@tally-error 1 cannot read /proc/meminfo\\n"; fi;',
  `s df df -B1 -P -T -l ${dfExcludes};`,
  `s df_inodes df -i -P -T -l ${dfExcludes};`,
  's net_dev cat /proc/net/dev;',
  'l loadavg /proc/loadavg;',
  's diskstats cat /proc/diskstats;',
  // Whole disks are the entries of /sys/block; partitions are not.
  'h block_devices; for f in /sys/block/*; do printf "%s\\n" "${f##*/}"; done;',
  // Processes from the directory listing; reading each one's state costs ~30 µs, so only
  // zombies are looked for (running tasks come from /proc/loadavg). grep's 2 is a process
  // that ended between the listing and the read.
  'h procs; set -- /proc/[0-9]*; [ -e "$1" ] || set --; printf "total %s\\n" $#;' +
    ' if [ $# -gt 0 ]; then grep -s -h -e ") Z " /proc/[0-9]*/stat; [ $? -le 2 ] || printf "@@tally-error 3 grep failed\\n"; fi;',
  'if [ -e /proc/modules ]; then s modules cut -d " " -f 1 /proc/modules; else h modules; printf "@@tally-none no /proc/modules: kernel without loadable modules\\n"; fi;',
  'h temps;' +
    ' for d in /sys/class/hwmon/hwmon*; do [ -d "$d" ] || continue; nm=-; [ -r "$d/name" ] && read -r nm < "$d/name";' +
    ' for f in "$d"/temp*_input; do [ -e "$f" ] || continue; b=${f%_input}; lb=; [ -r "${b}_label" ] && read -r lb < "${b}_label";' +
    ' v=-; read -r v 2>/dev/null < "$f" || v=-; printf "hwmon %s %s %s %s %s\\n" "${d##*/}" "${b##*/}" "$v" "$nm" "$lb"; done; done;' +
    ' for z in /sys/class/thermal/thermal_zone*; do [ -d "$z" ] || continue; ty=-; [ -r "$z/type" ] && read -r ty < "$z/type";' +
    ' v=-; read -r v 2>/dev/null < "$z/temp" || v=-; printf "zone %s - %s %s\\n" "${z##*/}" "$v" "$ty"; done;',
  'g;',
  'st() { stat -c "%s %Y" -- "$1"; }; TL=15;',
  '}',
];

const freebsd = [
  'fb() {',
  'h sysctl; sysctl kern.boottime kern.cp_time kern.clockrate hw.ncpu hw.physmem hw.pagesize vm.loadavg' +
    ' vm.stats.vm.v_page_size vm.stats.vm.v_free_count vm.stats.vm.v_inactive_count vm.stats.vm.v_cache_count hw.acpi.thermal 2>/dev/null;' +
    ' sysctl dev.cpu 2>/dev/null | grep -F ".temperature:";',
  's df df -k -i -l;',
  's netstat netstat -ibn;',
  's ps_stat ps -A -o stat=;',
  'g;',
  'st() { stat -f "%z %m" -- "$1"; }; TL=19;',
  '}',
];

const darwin = [
  'dw() {',
  'y sysctl sysctl kern.boottime hw.ncpu hw.memsize vm.loadavg;',
  's vm_stat vm_stat;',
  's df df -k -i -l;',
  's netstat netstat -ibn;',
  's ps_stat ps -A -o stat=;',
  'g;',
  'st() { stat -f "%z %m" -- "$1"; }; TL=0;',
  '}',
];

const dispatch = [
  // Linux names itself in /proc without an exec; elsewhere uname -s.
  'if [ -r /proc/sys/kernel/ostype ]; then read -r p < /proc/sys/kernel/ostype; else p=$(uname -s 2>/dev/null); fi; h platform; printf "%s\\n" "$p"',
  'case $p in FreeBSD) fb;; Darwin) dw;; *) lx;; esac',
];

/** Every byte as an octal escape: a path or pattern reaches the host as digits and backslashes only. */
function shellString(text: string): string {
  const octal = [...Buffer.from(text, 'utf8')].map((b) => `\\\\${b.toString(8).padStart(3, '0')}`).join('');
  return `"$(printf "${octal}")"`;
}

function filesScript(paths: readonly string[]): string[] {
  const limit = POLL_SPEC_LIMITS.hashBytes;
  return [
    'if command -v sha256sum >/dev/null 2>&1; then H="sha256sum --"; elif command -v sha256 >/dev/null 2>&1; then H="sha256 -q --";' +
      ' elif command -v shasum >/dev/null 2>&1; then H="shasum -a 256 --"; else H=; fi',
    // ft INDEX PATH: "<i> ok SIZE MTIME SHA256|- [why no hash]" or "<i> err WHY".
    'ft() { i=$1; p=$2; if [ -e "$p" ] || [ -L "$p" ]; then :; else printf "%s err no such file\\n" "$i"; return; fi;' +
      ' if [ -f "$p" ]; then :; else printf "%s err not a regular file\\n" "$i"; return; fi;' +
      ' m=$(st "$p" 2>&1) || { printf "%s err stat failed: %s\\n" "$i" "$m"; return; }; set -- $m;' +
      ' if [ -r "$p" ]; then :; else printf "%s ok %s %s - not readable by the SSH user\\n" "$i" "$1" "$2"; return; fi;' +
      ' if [ -z "$H" ]; then printf "%s ok %s %s - no sha256 tool on the host\\n" "$i" "$1" "$2"; return; fi;' +
      ` if [ "$1" -gt ${limit} ]; then printf "%s ok %s %s - larger than ${limit} bytes: not hashed\\n" "$i" "$1" "$2"; return; fi;` +
      ' d=$($H "$p" 2>&1) || { printf "%s ok %s %s - sha256 failed: %s\\n" "$i" "$1" "$2" "$d"; return; };' +
      ' printf "%s ok %s %s %s\\n" "$i" "$1" "$2" "${d%% *}"; }',
    'h files',
    ...paths.map((path, i) => `ft ${i} ${shellString(path)}`),
  ];
}

/**
 * Counts matching processes on the host, so only counts cross the wire. Checks arrive in
 * the environment (never as program text), and the poll's own shell and its children are
 * left out, or a check for "sh" would always find the poll.
 */
const CHECKS_AWK = [
  'BEGIN { n = ENVIRON["TN"] + 0; me = ENVIRON["TS"]; dw = ENVIRON["TD"]; tl = ENVIRON["TL"] + 0 }',
  '/^@@args$/ { a = 1; next }',
  'a == 0 { if (NF < 5) next; p = $1; pp[p] = $2; ui[p] = $3; st[p] = $4; c = $5; for (k = 6; k <= NF; k++) c = c " " $k;' +
    ' if (dw == 1) sub(".*/", "", c); cm[p] = c; ids[++m] = p; next }',
  '{ p = $1; s = $0; sub(/^[ ]*[0-9]+[ ]?/, "", s); ar[p] = s }',
  'END { for (j = 1; j <= m; j++) { p = ids[j]; q = p; for (d = 0; d < 64; d++) { if (q == me) { own[p] = 1; break } if (q in pp) q = pp[q]; else break } }',
  ' for (i = 0; i < n; i++) { pn = ENVIRON["TP" i]; us = ENVIRON["TU" i]; re = ENVIRON["TR" i]; cnt = 0;',
  '  for (j = 1; j <= m; j++) { p = ids[j]; if (p in own) continue; if (substr(st[p], 1, 1) == "Z") continue;',
  '   if (pn == "") ok = 1; else if (cm[p] == pn) ok = 1; else if (tl > 0 && length(cm[p]) == tl && substr(pn, 1, tl) == cm[p]) ok = 1; else ok = 0;',
  '   if (ok == 1 && length(us) > 0) { if (ui[p] == us) ok = 1; else ok = 0 }',
  '   if (ok == 1 && length(re) > 0) { if ((p in ar) && ar[p] ~ re) ok = 1; else ok = 0 }',
  '   if (ok == 1) cnt++ }',
  '  print i, cnt }',
  ' print "seen", m }',
].join(' ');

function checksScript(spec: SshPollSpec): string[] {
  const env: string[] = [`TN=${spec.processChecks.length}`, 'TS=$$', 'TD=0'];
  spec.processChecks.forEach((c, i) => {
    env.push(`TP${i}=${c.process === undefined ? '""' : shellString(c.process)}`);
    // A user that does not exist runs no process: "nouser" matches no uid.
    env.push(`TU${i}=${c.user === undefined ? '""' : `$(id -u -- ${shellString(c.user)} 2>/dev/null || echo nouser)`}`);
    env.push(`TR${i}=${c.commandLine === undefined ? '""' : shellString(c.commandLine)}`);
  });
  const names = ['TN', 'TS', 'TD', 'TL', ...spec.processChecks.flatMap((_, i) => [`TP${i}`, `TU${i}`, `TR${i}`])];
  const needArgs = spec.processChecks.some((c) => c.commandLine !== undefined);
  const awk = CHECKS_AWK.replace(/[\\"$`]/g, (ch) => `\\${ch}`);
  return [
    ...env,
    '[ "$p" = Darwin ] && TD=1',
    `export ${names.join(' ')}`,
    'h proc_checks',
    `{ ps -A -o pid= -o ppid= -o uid= -o stat= -o comm=; printf "@@args\\n";${needArgs ? ' ps -A -o pid= -o args=;' : ''} } 2>/dev/null | awk "${awk}"`,
  ];
}

/**
 * The exact string handed to `exec`. The spec's paths and patterns are embedded as octal
 * escapes, so nothing a resource's configuration holds can break out of the script.
 */
export function buildSshPollCommand(spec: SshPollSpec = EMPTY_POLL_SPEC): string {
  const problems = pollSpecProblems(spec);
  if (problems.length) throw new RangeError(`unusable poll spec: ${problems.join('; ')}`);
  const script = [
    ...helpers,
    linux.join(' '),
    freebsd.join(' '),
    darwin.join(' '),
    ...dispatch,
    ...(spec.files.length ? filesScript(spec.files) : []),
    ...(spec.processChecks.length ? checksScript(spec) : []),
    'printf "@@tally-end\\n"',
  ].join('; ');
  return `/bin/sh -c '${script}'`;
}

/** The command for a resource with nothing configured; built once, the same for every host. */
export const SSH_POLL_COMMAND = buildSshPollCommand();
