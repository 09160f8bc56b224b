'use strict';
// CPU time of processes read from /proc, and the arithmetic that turns two readings into the
// CPU spent between them. Shared by the benchmarks that report Postgres and Redis CPU.
//
// A figure from two sums ("postgres CPU now" − "postgres CPU then") goes wrong on a busy
// machine: a backend that exits between the readings takes its whole lifetime's CPU out of
// the second sum, so the difference can be negative (bench/precache once printed −63.5 s when
// other test runs' backends ended mid-round). Readings are therefore kept per process, keyed
// by pid *and* start time (a reused pid is another process), and only growth is added up.
const fs = require('node:fs');

/**
 * One /proc/<pid>/stat, or null when the process is gone or unreadable:
 * { name, start, ticks } with start = field 22 (start time, in clock ticks after boot) and
 * ticks = utime + stime (fields 14 and 15).
 */
function readProcStat(pid) {
  let stat;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  return parseProcStat(stat);
}

/** The fields of a /proc/<pid>/stat line we need; the name may contain spaces and parentheses. */
function parseProcStat(stat) {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  // After ") " comes field 3 (state), so field n is at index n - 3.
  const fields = stat.slice(close + 2).trim().split(/\s+/);
  const ticks = Number(fields[11]) + Number(fields[12]);
  const start = Number(fields[19]);
  if (!Number.isFinite(ticks) || !Number.isFinite(start)) return null;
  return { name: stat.slice(open + 1, close), start, ticks };
}

/** Every process whose name is in `names`: Map of "pid@start" → { name, ticks }. */
function processTicks(names, procDir = '/proc') {
  const out = new Map();
  for (const pid of fs.readdirSync(procDir).filter((d) => /^\d+$/.test(d))) {
    const p = readProcStat(pid);
    if (p && names.includes(p.name)) out.set(`${pid}@${p.start}`, { name: p.name, ticks: p.ticks });
  }
  return out;
}

/**
 * Ticks spent between two processTicks() readings, by name. A process seen in both counts its
 * growth; one born in between counts whole (its whole life lies between them); one that exited
 * in between is missed, so the result is a lower bound. It is never negative: counters of one
 * process only grow.
 */
function ticksBetween(before, after) {
  const spent = /** @type {Record<string, number>} */ ({});
  for (const [key, now] of after) {
    const then = before.get(key);
    spent[now.name] = (spent[now.name] ?? 0) + Math.max(0, now.ticks - (then ? then.ticks : 0));
  }
  return spent;
}

module.exports = { readProcStat, parseProcStat, processTicks, ticksBetween };
