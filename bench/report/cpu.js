'use strict';
/**
 * CPU time (user + system) spent by the Postgres backends of one database, plus optional extra
 * processes (the API), during a measurement. On a machine shared with other test runs, wall
 * time swings with the load; CPU time moves far less, so both are reported.
 *
 * Backends are found in pg_stat_activity and read from /proc/<pid>/stat every `everyMs`; a
 * backend that appears mid-run counts from zero (its start-up belongs to the run); a backend
 * that exits (psql's) keeps its last reading, so up to `everyMs` of its CPU can be missed.
 */
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {}

/** CPU ms of a process, or null when it is gone or unreadable. */
function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/**
 * Starts watching. Extra pids (the API, psql) keep their last reading when they exit, like
 * backends. `monitor` is a connected pg Client on the same server (its own backend is
 * left out). Returns { stop(): Promise<{ backendMs, extraMs }> }.
 */
async function watchCpu(monitor, dbName, extraPids = [], everyMs = 50) {
  const self = (await monitor.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const start = new Map(); // pid → CPU ms at first sight (0 for backends born during the run)
  const last = new Map();
  const list = async () => (await monitor.query('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> $2', [dbName, self])).rows.map((r) => r.pid);
  for (const pid of await list()) {
    const ms = cpuMs(pid);
    if (ms !== null) start.set(pid, ms), last.set(pid, ms);
  }
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
      for (const pid of await list()) {
        const ms = cpuMs(pid);
        if (ms === null) continue;
        if (!start.has(pid)) start.set(pid, 0);
        last.set(pid, ms);
      }
      // refresh known pids that the listing query may not show any more (ended backends keep their last value)
      for (const pid of last.keys()) {
        const ms = cpuMs(pid);
        if (ms !== null) last.set(pid, ms);
      }
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
      for (const pid of last.keys()) {
        const ms = cpuMs(pid);
        if (ms !== null) last.set(pid, ms);
      }
      let backendMs = 0;
      for (const [pid, ms] of last) backendMs += ms - start.get(pid);
      refreshExtra();
      let extraMs = 0;
      for (const e of extra.values()) extraMs += e.last - e.start;
      return { backendMs, extraMs };
    },
  };
}

module.exports = { watchCpu, cpuMs };
