'use strict';
/**
 * CPU time (user + system) spent by the Postgres backends of one database, plus optional extra
 * processes (the API), during a measurement. On a machine shared with other test runs, wall
 * time swings with the load; CPU time moves far less, so both are reported.
 *
 * Backends are found in pg_stat_activity and read from /proc/<pid>/stat every `everyMs`; a
 * backend that appears mid-run counts from zero (its start-up belongs to the run); a backend
 * that exits (psql's) keeps its last reading, so up to `everyMs` of its CPU can be missed.
 * Processes are told apart by pid and start time, so a pid reused by a new backend never
 * mixes two processes' counters (which could make a figure negative).
 */
const { execFileSync } = require('node:child_process');
const { readProcStat } = require('../lib/proc-cpu');

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {}

/** CPU ms of a process, or null when it is gone or unreadable. */
function cpuMs(pid) {
  const p = readProcStat(pid);
  return p && (p.ticks * 1000) / ticksPerSecond;
}

/** "pid@start": a pid the kernel reuses for a new backend is another process, counted from zero. */
function processKey(pid) {
  const p = readProcStat(pid);
  return p && { key: `${pid}@${p.start}`, ms: (p.ticks * 1000) / ticksPerSecond };
}

/**
 * Starts watching. Extra pids (the API, psql) keep their last reading when they exit, like
 * backends. `monitor` is a connected pg Client on the same server (its own backend is
 * left out). Returns { stop(): Promise<{ backendMs, extraMs }> }.
 */
async function watchCpu(monitor, dbName, extraPids = [], everyMs = 50) {
  const self = (await monitor.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  // By processKey(): pid → its key as last seen, key → CPU ms at first sight (0 for backends
  // born during the run) and at the last sight.
  const keyOf = new Map();
  const start = new Map();
  const last = new Map();
  const list = async () => (await monitor.query('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> $2', [dbName, self])).rows.map((r) => r.pid);
  const see = (pid, bornNow) => {
    const p = processKey(pid);
    if (!p) return;
    if (!start.has(p.key)) start.set(p.key, bornNow ? 0 : p.ms);
    keyOf.set(pid, p.key);
    last.set(p.key, p.ms);
  };
  for (const pid of await list()) see(pid, false);
  /** Known backends, even those the listing no longer shows (an ended one keeps its last value). */
  const refresh = () => {
    for (const [pid, key] of keyOf) {
      const p = processKey(pid);
      if (p?.key === key) last.set(key, p.ms);
    }
  };
  const extra = new Map(extraPids.map((pid) => [pid, { start: cpuMs(pid) ?? 0, last: cpuMs(pid) ?? 0 }]));
  const refreshExtra = () => {
    for (const [pid, e] of extra) {
      const ms = cpuMs(pid);
      if (ms !== null) e.last = ms;
    }
  };
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const pid of await list()) see(pid, true);
      refresh();
      refreshExtra();
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void sample().catch(() => undefined), everyMs);
  return {
    /** A process started during the run (psql): counted from zero. */
    add(pid) {
      extra.set(pid, { start: 0, last: cpuMs(pid) ?? 0 });
    },
    async stop() {
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 5));
      refresh();
      let backendMs = 0;
      for (const [key, ms] of last) backendMs += ms - start.get(key);
      refreshExtra();
      let extraMs = 0;
      for (const e of extra.values()) extraMs += e.last - e.start;
      return { backendMs, extraMs };
    },
  };
}

module.exports = { watchCpu, cpuMs };
