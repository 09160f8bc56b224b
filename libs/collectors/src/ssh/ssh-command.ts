/**
 * The one command a node poll runs: every measurement in a single exec, because sshd
 * allows few sessions per connection and each exec costs a round trip.
 *
 * Output: `@@tally <section>` lines open each section, `@@tally-end` closes the output
 * (its absence means truncation). A failing section prints `@@tally-error <rc> <message>`
 * as its only line, so the parser can name what broke instead of reading garbage.
 */

/** Sections in the order the command prints them; the parser requires each exactly once. */
export const SSH_SECTIONS = ['boot_id', 'clk_tck', 'cpu_online', 'stat', 'meminfo', 'df', 'net_dev', 'loadavg'] as const;
export type SshSection = (typeof SSH_SECTIONS)[number];

export const SECTION_MARKER = '@@tally ';
export const ERROR_MARKER = '@@tally-error ';
export const END_MARKER = '@@tally-end';

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

// POSIX sh only. Double quotes inside, never single quotes or `!`: the whole script is
// wrapped in '...' below and must survive whatever login shell (bash, dash, csh) runs it.
const script = [
  'export LC_ALL=C',
  // s NAME CMD...: run CMD, print its output as section NAME, or one error line.
  's() { n=$1; shift; o=$("$@" 2>&1); r=$?; printf "@@tally %s\\n" "$n";' +
    ' if [ $r -eq 0 ]; then printf "%s\\n" "$o";' +
    ' else printf "@@tally-error %s %s\\n" "$r" "$(printf "%s" "$o" | head -n 1)"; fi; }',
  's boot_id cat /proc/sys/kernel/random/boot_id',
  's clk_tck getconf CLK_TCK',
  's cpu_online cat /sys/devices/system/cpu/online',
  's stat grep "^cpu " /proc/stat',
  's meminfo grep -E "^(MemTotal|MemAvailable):" /proc/meminfo',
  `s df df -B1 -P -T -l ${dfExcludes}`,
  's net_dev cat /proc/net/dev',
  's loadavg cat /proc/loadavg',
  'printf "@@tally-end\\n"',
].join('; ');

/** The exact string handed to `exec`; built once, the same for every host. */
export const SSH_POLL_COMMAND = `/bin/sh -c '${script}'`;
