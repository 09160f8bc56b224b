#!/usr/bin/env node
'use strict';
/**
 * bench/parse: CPU cost of parsing one poll's output, per fixture, against parsing today's
 * output (the first command's 8 sections, __fixtures__/debian-12-vm.txt) as the baseline.
 *
 *   npm run build && node bench/parse/run.js [--iterations 20000] [--runs 5]
 *
 * Each run parses every fixture N times after a warm-up and reports CPU µs per parse
 * (process.cpuUsage, user + system); the goal is ≤ 1,000 µs for the full new output.
 * Not part of npm test.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist/libs/collectors/src/ssh');
if (!fs.existsSync(path.join(DIST, 'index.js'))) {
  console.error('dist/ is missing: run "npm run build" first');
  process.exit(2);
}
const { parseSshOutput } = require(DIST);

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const N = flag('--iterations', 20000);
const RUNS = flag('--runs', 5);

const FIX = path.join(ROOT, 'libs/collectors/src/ssh/__fixtures__');
const read = (name) => fs.readFileSync(path.join(FIX, name), 'utf8');
const machine = read('linux-this-machine.txt');
const SPEC = {
  files: ['/etc/hostname', '/etc/no-such-file'],
  processChecks: [{ label: 'init', process: 'init' }, { label: 'root', user: 'root' }, { label: 'nobody-sshd', user: 'nobody', commandLine: 'sshd' }],
};
const EMPTY = { files: [], processChecks: [] };
const CASES = [
  ['baseline: today\'s output (debian-12-vm, 8 sections)', read('debian-12-vm.txt'), EMPTY],
  ['full new output, this machine, 2 files + 3 checks', machine, SPEC],
  ['full new output with two GPUs', machine.replace('@@tally gpu\n@@tally-none nvidia-smi not found\n', `@@tally gpu\n${read('nvidia-smi-two-gpus.csv')}`), SPEC],
  ['FreeBSD 14.4', read('freebsd-14.txt'), EMPTY],
  ['macOS', read('macos.txt'), EMPTY],
];

function cpuMicros(fn) {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return c.user + c.system;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

console.log(`bench/parse — ${new Date().toISOString()}`);
console.log(`machine: ${os.cpus().length} CPU (${os.cpus()[0].model}), node ${process.version}; load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${N} parses per case per run, ${RUNS} runs`);
for (const [, out, spec] of CASES) for (let i = 0; i < 2000; i++) parseSshOutput(out, spec); // warm-up (JIT)
const results = CASES.map(([name, out, spec]) => {
  const perRun = [];
  for (let r = 0; r < RUNS; r++) perRun.push(cpuMicros(() => { for (let i = 0; i < N; i++) parseSshOutput(out, spec); }) / N);
  return { name, bytes: out.length, perRun };
});
const base = median(results[0].perRun);
for (const r of results) {
  const m = median(r.perRun);
  console.log(`  ${r.name.padEnd(52)} ${String(r.bytes).padStart(5)} B  ${m.toFixed(1).padStart(7)} µs/parse [${Math.min(...r.perRun).toFixed(1)}–${Math.max(...r.perRun).toFixed(1)}]  ${(m / base).toFixed(2)}× baseline`);
}
const worst = Math.max(...results.slice(1).map((r) => median(r.perRun)));
console.log(`goal ≤ 1000 µs CPU per poll: ${worst <= 1000 ? 'met' : 'NOT met'} (worst median ${worst.toFixed(1)} µs)`);
console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
