'use strict';
// Measuring helpers for bench/precache/run.js: waiting on runs, CPU accounting, job phases.
const fs = require('node:fs');
const os = require('node:os');
const { processTicks, ticksBetween } = require('../../lib/proc-cpu');

const FINISHED = ['succeeded', 'partial', 'failed'];
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const log = (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Polls the run row (never its outcomes) until it finishes or the budget runs out; logs progress. */
async function waitForRun(db, kind, slot, budgetMs, startedAt, progress = []) {
  let lastLog = performance.now();
  for (;;) {
    const { rows } = await db.query(
      `SELECT state, total, ok_count, error_count, sample_count FROM collection_runs WHERE kind = $1 AND slot = $2`, [kind, slot],
    );
    const run = rows[0];
    const elapsed = performance.now() - startedAt;
    if (run && FINISHED.includes(run.state)) return run;
    if (performance.now() - lastLog > 15_000 && run) {
      lastLog = performance.now();
      const point = { s: Math.round(elapsed / 1000), outcomes: run.ok_count + run.error_count, samples: run.sample_count, load1: +os.loadavg()[0].toFixed(2) };
      const prev = progress[progress.length - 1];
      point.windowSamplesPerSec = Math.round((point.samples - (prev?.samples ?? 0)) / ((point.s - (prev?.s ?? 0)) || 1));
      progress.push(point);
      log(`  ${kind} ${point.s} s: ${point.outcomes}/${run.total} outcomes, ${point.samples} samples, ${fmt(point.windowSamplesPerSec)} samples/s in the last window, load ${point.load1}`);
    }
    if (elapsed > budgetMs) return run ?? { state: 'missing', total: 0, ok_count: 0, error_count: 0, sample_count: 0 };
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Where a slot's collection time went, from its finished jobs' own timestamps. */
async function phases(producer, QUEUES, startedAt, slot) {
  const origin = performance.timeOrigin + startedAt;
  const out = {};
  for (const queue of [QUEUES.collect, QUEUES.persist]) {
    for (const job of await producer.queue(queue).getJobs(['completed'], 0, -1)) {
      if (job.data.slot !== slot.toISOString()) continue;
      const p = (out[job.name] ??= { jobs: 0, start: Infinity, end: -Infinity, busy: 0 });
      p.jobs++;
      p.start = Math.min(p.start, job.processedOn - origin);
      p.end = Math.max(p.end, job.finishedOn - origin);
      p.busy += job.finishedOn - job.processedOn;
    }
  }
  for (const p of Object.values(out)) for (const k of ['start', 'end', 'busy']) p[k] = +(p[k] / 1000).toFixed(2);
  return out;
}

async function runErrors(db, kind, slot) {
  const { rows } = await db.query(
    `SELECT o.reason, count(*)::int AS n FROM collection_runs r JOIN collection_run_outcomes o ON o.run_id = r.id
      WHERE r.kind = $1 AND r.slot = $2 AND NOT o.ok GROUP BY 1 ORDER BY 2 DESC LIMIT 5`, [kind, slot],
  );
  return rows;
}

/** This run's keys only (queues, cache): never FLUSHALL, the Redis is shared. */
async function dropPrefix(redis, prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** --profile <file>: a V8 CPU profile of this process (the worker) during the collection only. */
async function startProfiler() {
  const session = new (require('node:inspector').Session)();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await post('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      log(`  CPU profile of the collection written to ${file} (node bench/precache/lib/profile-summary.js ${file})`);
    },
  };
}

/**
 * Busy CPU time so far, in clock ticks: the whole machine (/proc/stat: all but idle and
 * iowait), and each postgres and redis-server process alive now (/proc/<pid>/stat), kept per
 * process so that cpuBetween() can count growth only.
 */
function machineCpu() {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return { busy: user + nice + system + irq + softirq + steal, processes: processTicks(['postgres', 'redis-server']), hz: 100 };
}

/** CPU spent between two machineCpu() readings (and this process's own), in seconds. */
function cpuBetween(before, after, nodeCpu, wallMs) {
  // Per process, growth only: backends that exited meanwhile are missed (lower bounds), and
  // one that exits can no longer take its whole lifetime out of the sum (the −63.5 s once seen).
  const spent = ticksBetween(before.processes, after.processes);
  return {
    workerProcessS: +((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(2),
    postgresS: +((spent.postgres ?? 0) / after.hz).toFixed(2),
    redisS: +((spent['redis-server'] ?? 0) / after.hz).toFixed(2),
    machineBusyS: +((after.busy - before.busy) / after.hz).toFixed(2),
    machineCapacityS: +((wallMs / 1000) * os.cpus().length).toFixed(2),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function machineInfo() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(), node: process.version, cpus: cpus.length, cpuModel: cpus[0]?.model.trim(),
    ramGiB: Math.round(os.totalmem() / 2 ** 30), loadStart: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    const value = m[2] ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
    out[m[1]] = typeof defaults[m[1]] === 'number' ? Number(value) : value;
  }
  return out;
}

module.exports = {
  FINISHED, secs, fmt, log, median, waitForRun, phases, runErrors, dropPrefix, startProfiler, machineCpu, cpuBetween, machineInfo, parseArgs,
};
