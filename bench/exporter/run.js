#!/usr/bin/env node
'use strict';
/**
 * bench/exporter: a 1,000-host `prometheus` scrape. Each "host" is a GET of the captured
 * node_exporter page (libs/collectors/src/prometheus/__fixtures__, 26 KB) from a loopback server
 * in a child process, read, parsed and mapped to Tally measurements as the collector does, N at
 * once. The baseline, measured in the same run, is the same GETs with the body read and thrown
 * away: the ratio is what parsing and mapping add to the HTTP cost.
 *
 *   npm run build && node bench/exporter/run.js [--hosts 1000] [--concurrency 64] [--runs 3]
 *
 * Prints the rate (hosts/s) and whether the scrape fits one 30-minute slot. Not part of npm test.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { fork } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const PAGE = path.join(ROOT, 'libs/collectors/src/prometheus/__fixtures__/node-exporter-1.5-debian12.txt');

if (process.argv[2] === '--serve') {
  const page = fs.readFileSync(PAGE);
  const server = http.createServer((_q, res) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-length': page.length }).end(page));
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
  return;
}

const DIST = path.join(ROOT, 'dist/libs/collectors/src/prometheus');
if (!fs.existsSync(path.join(DIST, 'index.js'))) {
  console.error('dist/ is missing: run "npm run build" first');
  process.exit(2);
}
const { scrapeExporter, mapExposition, NODE_EXPORTER_MAPPING } = require(DIST);
const { request } = require('undici');

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const HOSTS = flag('--hosts', 1000);
const CONCURRENCY = flag('--concurrency', 64);
const RUNS = flag('--runs', 3);
const SLOT_S = 30 * 60;

async function pool(n, work) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n) }, async () => {
    while (next < n) await work(next++);
  }));
}

async function timed(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

(async () => {
  const child = fork(__filename, ['--serve'], { stdio: 'inherit' });
  const port = await new Promise((resolve) => child.once('message', resolve));
  const url = `http://127.0.0.1:${port}/metrics`;
  const opts = { timeoutMs: 10_000, maxBytes: 4 * 1024 * 1024 };
  const baseline = () => pool(HOSTS, async () => {
    const res = await request(url);
    for await (const _ of res.body) void _;
  });
  let failures = 0;
  const scrape = () => pool(HOSTS, async () => {
    const r = await scrapeExporter(url, opts);
    if (!r.ok) failures++;
    else if (Object.keys(mapExposition(r.exposition.samples, NODE_EXPORTER_MAPPING).values).length !== NODE_EXPORTER_MAPPING.length) failures++;
  });
  console.log(`bench/exporter — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} CPU (${os.cpus()[0].model}), node ${process.version}; load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${HOSTS} hosts per run, ${CONCURRENCY} at once, ${RUNS} runs; page ${fs.statSync(PAGE).size} B`);
  await baseline(); await scrape(); // warm-up
  const base = [];
  const full = [];
  for (let r = 0; r < RUNS; r++) {
    base.push(await timed(baseline));
    full.push(await timed(scrape));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const [b, f] = [median(base), median(full)];
  console.log(`  baseline: GET + read body      ${b.toFixed(0).padStart(6)} ms [${Math.min(...base).toFixed(0)}–${Math.max(...base).toFixed(0)}]  ${(HOSTS / (b / 1000)).toFixed(0)} hosts/s`);
  console.log(`  scrape: GET + parse + map      ${f.toFixed(0).padStart(6)} ms [${Math.min(...full).toFixed(0)}–${Math.max(...full).toFixed(0)}]  ${(HOSTS / (f / 1000)).toFixed(0)} hosts/s  ${(f / b).toFixed(2)}× baseline`);
  console.log(`failed scrapes: ${failures}`);
  console.log(`${HOSTS} hosts within a ${SLOT_S} s slot: ${f / 1000 <= SLOT_S && failures === 0 ? 'yes' : 'NO'} (${(f / 1000).toFixed(2)} s, ${((f / 1000 / SLOT_S) * 100).toFixed(3)}% of the slot)`);
  console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  child.kill();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
