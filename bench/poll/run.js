#!/usr/bin/env node
'use strict';
/**
 * bench/poll: the collector polling N `node` resources over SSH, against the OpenSSH client
 * running the same command, both against one loopback sshd started here for the load.
 *
 *   npm run build && npm run bench:poll -- [flags]     (bench:poll = node bench/poll/run.js)
 *   node bench/poll/run.js [--n 500] [--concurrency C] [--runs 3]
 *        [--baseline-n N] [--baseline-concurrency C] [--same-algorithms] [--collector-only]
 *   (env: BENCH_POLL_N, BENCH_POLL_CONCURRENCY, BENCH_POLL_RUNS, BENCH_POLL_BASELINE_N,
 *    BENCH_POLL_BASELINE_CONCURRENCY)
 *
 * Collector: the built CollectionService.poll (a collect-batch job of one node) → SshPlugin → pollHost, one fresh connection
 * and one exec per resource, host key pinned, at config.collection.sshConcurrency (the
 * worker's collect-queue concurrency, default 64) via the collectors' mapLimit. Left out:
 * the BullMQ/Redis round trips of the real worker (persist jobs go to an in-memory stub)
 * and the credential read (a stub returns the key, as a warm CredentialCache does).
 * Baseline: `ssh -i key ... user@127.0.0.1 '<SSH_POLL_COMMAND>'`, one fresh process and
 * connection per poll, at the same concurrency, same key type, host key checked against a
 * known_hosts file, and OpenSSH's default algorithms (as an operator runs it; 9.x negotiates
 * sntrup761x25519, which ssh2 does not offer) or, with --same-algorithms, the collector's.
 * Every poll of both is checked (exit 0, output parses, values match this machine).
 * Rounds alternate which side runs first; best and median are printed. Not part of npm test.
 */
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { startSshd } = require('./sshd');

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist/libs');
if (!fs.existsSync(path.join(DIST, 'collectors/src/collection.service.js'))) {
  console.error('dist/ is missing: run "npm run build" first');
  process.exit(2);
}
const { loadConfig } = require(path.join(DIST, 'config/src'));
const { CollectionService } = require(path.join(DIST, 'collectors/src/collection.service'));
const { SshPlugin } = require(path.join(DIST, 'collectors/src/plugins/ssh.plugin'));
const { mapLimit } = require(path.join(DIST, 'collectors/src/map-limit'));
const { SSH_POLL_COMMAND, SSH_MEASUREMENT_KEYS, parseSshOutput, storedValues } = require(path.join(DIST, 'collectors/src/ssh'));
const { check, expectedValues } = require('./check');

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const int = (name, env, fallback, min, max) => {
  const raw = flag(name) ?? process.env[env];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} / ${env} must be an integer in ${min}..${max}, got ${raw}`);
  return n;
};

// The worker's own SSH settings: defaults from libs/config, or the TALLY_SSH_* a deployment sets.
const sshEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('TALLY_SSH_')));
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused', ...sshEnv });
const N = int('--n', 'BENCH_POLL_N', 500, 1, 100_000);
const CONCURRENCY = int('--concurrency', 'BENCH_POLL_CONCURRENCY', config.collection.sshConcurrency, 1, 2000);
const BASE_N = int('--baseline-n', 'BENCH_POLL_BASELINE_N', N, 1, 100_000);
const BASE_CONCURRENCY = int('--baseline-concurrency', 'BENCH_POLL_BASELINE_CONCURRENCY', CONCURRENCY, 1, 2000);
const RUNS = int('--runs', 'BENCH_POLL_RUNS', 3, 1, 20);
// The issue's baseline is plain `ssh` with its defaults (OpenSSH 9.x: sntrup761x25519 kex);
// --same-algorithms holds it to what the collector negotiates, to compare the clients alone.
const SAME_ALGORITHMS = args.includes('--same-algorithms');
const ONLY_COLLECTOR = args.includes('--collector-only'); // for profiling: node --cpu-prof ...
const SSH_TIMEOUT_MS = config.collection.sshConnectTimeoutMs + config.collection.sshCommandTimeoutMs;
const FLEET = 10_000;
const SLOT_MIN = config.collection.intervalMinutes;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

const log = (...a) => console.log(...a);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** CPU ms of a process (own, and of its reaped children) from /proc/<pid>/stat. */
function procCpu(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ms = (i) => (Number(f[i]) * 1000) / CLK_TCK;
  return { self: ms(11) + ms(12), children: ms(13) + ms(14) };
}

function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  const ssh = spawnSync('ssh', ['-V'], { encoding: 'utf8' }).stderr.trim(); // ssh -V prints on stderr
  return {
    nproc: os.cpus().length,
    model,
    ramGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    ssh,
    ssh2: require(path.join(ROOT, 'node_modules/ssh2/package.json')).version,
  };
}

/** The collector's path for one slot's `node` resources, minus Redis and Postgres. */
function collector(sshd) {
  const credentials = { get: async () => ({ kind: 'ssh-private-key', secret: sshd.privateKey }) };
  const plugin = new SshPlugin(config, credentials);
  const persisted = { add: async () => undefined };
  const service = new CollectionService(config, null, null, { for: () => plugin }, persisted);
  const keys = ['node.up', ...SSH_MEASUREMENT_KEYS];
  const measurements = Object.fromEntries(keys.map((key, i) => [key, i + 1]));
  const slot = new Date(Math.floor(Date.now() / 1800_000) * 1800_000).toISOString();
  // One node per collect-batch job, as the fan-out makes them.
  const job = (i) => ({
    runId: 'bench-poll',
    slot,
    type: 'node',
    targets: [{
      resourceId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: 'node',
      name: `bench-node-${i}`,
      clusterFqdn: null,
      ssh: { host: sshd.host, port: sshd.port, user: sshd.username, credentialId: 'bench-key', hostKeySha256: sshd.fingerprint },
      measurements,
    }],
  });
  return async (n, concurrency) => {
    const jobs = Array.from({ length: n }, (_, i) => job(i));
    const latencies = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await mapLimit(jobs, concurrency, async (j) => {
      const s = performance.now();
      const [reading] = (await service.poll(j)).readings;
      latencies.push(performance.now() - s);
      const values = Object.fromEntries(Object.entries(reading.values).map(([id, value]) => [keys[Number(id) - 1], value]));
      return { ok: reading.ok, reason: reading.reason, values, bootId: reading.bootId };
    });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { out, wallMs, latencies, cpuMs: (cpu.user + cpu.system) / 1000, sysMs: cpu.system / 1000 };
  };
}

/** The baseline: one `ssh` process per poll, output parsed the same way. */
function openssh(sshd) {
  const algorithms = !SAME_ALGORITHMS ? [] : [
    '-o', 'KexAlgorithms=curve25519-sha256', '-o', 'HostKeyAlgorithms=ssh-ed25519', '-o', 'Ciphers=aes128-gcm@openssh.com',
  ];
  const argv = [
    '-F', '/dev/null', '-T', '-i', sshd.clientKeyFile, '-p', String(sshd.port),
    '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${sshd.knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'UpdateHostKeys=no',
    '-o', 'ControlMaster=no', '-o', 'ControlPath=none', '-o', 'LogLevel=ERROR', '-o', 'Compression=no',
    '-o', `ConnectTimeout=${Math.ceil(config.collection.sshConnectTimeoutMs / 1000)}`, ...algorithms,
    `${sshd.username}@${sshd.host}`, SSH_POLL_COMMAND,
  ];
  const once = () => new Promise((resolve) => {
    const child = spawn('ssh', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), SSH_TIMEOUT_MS);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (err = (err + d).slice(-500)));
    child.on('error', (e) => (err += e.message));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return resolve({ ok: false, reason: `ssh exited ${code ?? signal}: ${err.trim()}` });
      try {
        const reading = parseSshOutput(Buffer.concat(out).toString('utf8'));
        resolve({ ok: true, values: { 'node.up': 1, ...storedValues(reading) }, bootId: reading.bootId });
      } catch (e) {
        resolve({ ok: false, reason: `parse: ${e.message}` });
      }
    });
  });
  return async (n, concurrency) => {
    const latencies = [];
    const self0 = procCpu(process.pid);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await mapLimit(Array.from({ length: n }), concurrency, async () => {
      const s = performance.now();
      const r = await once();
      latencies.push(performance.now() - s);
      return r;
    });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { out, wallMs, latencies, cpuMs: procCpu(process.pid).children - self0.children, driverMs: (cpu.user + cpu.system) / 1000 };
  };
}

async function phase(name, fn, n, concurrency, sshd, expected) {
  const sshd0 = procCpu(sshd.pid);
  const r = await fn(n, concurrency);
  await new Promise((res) => setTimeout(res, 300)); // let sshd reap the last sessions
  const sshd1 = procCpu(sshd.pid);
  const problems = check(r.out, expected);
  const rate = (n * 1000) / r.wallMs;
  return {
    name, n, concurrency, rate, wallMs: r.wallMs, problems,
    cpuPerPoll: r.cpuMs / n,
    sysPerPoll: r.sysMs === undefined ? undefined : r.sysMs / n,
    driverPerPoll: r.driverMs === undefined ? undefined : r.driverMs / n,
    sshdPerPoll: (sshd1.self + sshd1.children - sshd0.self - sshd0.children) / n,
    p50: pct(r.latencies, 50), p95: pct(r.latencies, 95),
  };
}

function report(p) {
  const extra = p.driverPerPoll === undefined
    ? ` (${p.sysPerPoll.toFixed(1)} of it in the kernel)`
    : ` (+ ${p.driverPerPoll.toFixed(1)} ms in the node driver spawning)`;
  log(`  ${p.name.padEnd(9)} ${p.n} polls @ ${p.concurrency}: ${p.rate.toFixed(1)} polls/s in ${(p.wallMs / 1000).toFixed(1)} s;` +
    ` latency p50 ${p.p50.toFixed(0)} ms p95 ${p.p95.toFixed(0)} ms; client CPU ${p.cpuPerPoll.toFixed(1)} ms/poll${extra};` +
    ` sshd CPU ${p.sshdPerPoll.toFixed(1)} ms/poll; ${p.problems.length ? `${p.problems.length} PROBLEMS` : 'all ok'}`);
  for (const line of p.problems.slice(0, 5)) log(`    ! ${line}`);
}

async function main() {
  const m = machine();
  log(`bench/poll — ${new Date().toISOString()}`);
  log(`machine: ${m.nproc} CPU (${m.model}), ${m.ramGiB} GiB RAM, node ${m.node}, ssh2 ${m.ssh2}, ${m.ssh}`);
  log(`load average at start: ${load()}`);
  const baseline = ONLY_COLLECTOR ? 'no baseline' : `OpenSSH: ${BASE_N} polls @ ${BASE_CONCURRENCY}` +
    `${SAME_ALGORITHMS ? ' (held to curve25519 / ssh-ed25519 / aes128-gcm, as the collector)' : ' (its default algorithms)'}`;
  log(`collector: ${N} node resources @ concurrency ${CONCURRENCY}; ${baseline}; ${RUNS} rounds`);
  const sshd = await startSshd();
  const stopAll = async () => sshd.stop();
  process.once('SIGINT', () => stopAll().finally(() => process.exit(130)));
  const failed = [];
  try {
    const expected = expectedValues();
    const poll = collector(sshd);
    const base = openssh(sshd);
    // Warm-up (JIT, key parse, sshd page cache), and a clear failure before timing anything.
    const sides = ONLY_COLLECTOR ? [['collector', poll]] : [['collector', poll], ['OpenSSH', base]];
    for (const [name, fn] of sides) {
      const w = await fn(4, 4);
      const problems = check(w.out, expected);
      if (problems.length) throw new Error(`${name} warm-up failed:\n  ${problems.join('\n  ')}\nsshd: ${sshd.log()}`);
    }
    const rounds = [];
    for (let i = 0; i < RUNS; i++) {
      log(`round ${i + 1}/${RUNS} (load ${load()})`);
      const order = ONLY_COLLECTOR ? ['coll'] : i % 2 === 0 ? ['base', 'coll'] : ['coll', 'base'];
      const r = {};
      for (const side of order) {
        r[side] = side === 'coll'
          ? await phase('collector', poll, N, CONCURRENCY, sshd, expected)
          : await phase('OpenSSH', base, BASE_N, BASE_CONCURRENCY, sshd, expected);
        report(r[side]);
        if (r[side].problems.length) failed.push(`${r[side].name} round ${i + 1}: ${r[side].problems.length} bad polls`);
      }
      if (r.base) log(`  ratio collector/OpenSSH: ${(r.coll.rate / r.base.rate).toFixed(2)}×`);
      rounds.push(r);
    }
    if (!ONLY_COLLECTOR) summary(rounds);
    else {
      const rate = median(rounds.map((r) => r.coll.rate));
      log(`  ${FLEET} hosts at the median rate: ${(FLEET / rate / 60).toFixed(1)} min (slot: ${SLOT_MIN} min)`);
    }
  } finally {
    await stopAll();
  }
  log(`load average at end: ${load()}`);
  if (failed.length) {
    log(`FAILED: ${failed.join('; ')}`);
    process.exitCode = 1;
  }
}

function summary(rounds) {
  const coll = rounds.map((r) => r.coll.rate);
  const base = rounds.map((r) => r.base.rate);
  const ratios = rounds.map((r) => r.coll.rate / r.base.rate);
  const cpu = median(rounds.map((r) => r.coll.cpuPerPoll));
  const baseCpu = median(rounds.map((r) => r.base.cpuPerPoll));
  const driverCpu = median(rounds.map((r) => r.base.driverPerPoll));
  const baseSshd = median(rounds.map((r) => r.base.sshdPerPoll));
  const sshdCpu = median(rounds.map((r) => r.coll.sshdPerPoll));
  const rate = median(coll);
  const fleetMin = FLEET / rate / 60;
  const need = FLEET / (SLOT_MIN * 60);
  log('');
  log('summary (median of rounds; best in brackets)');
  log(`  collector       ${rate.toFixed(1)} polls/s [${Math.max(...coll).toFixed(1)}], ${cpu.toFixed(1)} CPU-ms/poll in the collector process`);
  log(`  OpenSSH client  ${median(base).toFixed(1)} polls/s [${Math.max(...base).toFixed(1)}], ${baseCpu.toFixed(1)} CPU-ms/poll in ssh processes`);
  log(`  ratio           ${median(ratios).toFixed(2)}× [${Math.max(...ratios).toFixed(2)}×]   goal ≥ 3×: ${median(ratios) >= 3 ? 'met' : 'NOT met'}`);
  log(`  client CPU      ${(baseCpu / cpu).toFixed(2)}× less per poll in the collector than in ssh (${((baseCpu + driverCpu) / cpu).toFixed(2)}× counting the spawning)`);
  const whole = (baseCpu + driverCpu + baseSshd) / (cpu + sshdCpu);
  log(`  sshd            ${sshdCpu.toFixed(1)} CPU-ms/poll serving the collector, ${baseSshd.toFixed(1)} serving ssh; it shares these cores, so on an`);
  log(`                  idle machine throughput follows client + sshd CPU: ${(cpu + sshdCpu).toFixed(1)} vs ${(baseCpu + driverCpu + baseSshd).toFixed(1)} ms/poll = ${whole.toFixed(2)}×`);
  log(`  ${FLEET} hosts      ${fleetMin.toFixed(1)} min at the median rate; a ${SLOT_MIN}-min slot needs ≥ ${need.toFixed(1)} polls/s: ${rate >= need ? 'met' : 'NOT met'}`);
  log(`  collector CPU for ${FLEET} hosts: ${((cpu * FLEET) / 1000).toFixed(0)} CPU-s (${((cpu * FLEET) / 1000 / (SLOT_MIN * 60) * 100).toFixed(1)}% of one core over a slot)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
