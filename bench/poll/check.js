'use strict';
/**
 * Every poll of the benchmark is checked against this machine: the sshd is local, so the
 * values a poll reads must be the values /proc shows here.
 */
const fs = require('node:fs');
const os = require('node:os');

const KEYS = ['node.up', 'cpu.count', 'cpu.busy', 'memory.total', 'memory.used', 'disk.total', 'disk.used', 'net.rx', 'net.tx', 'load.1m'];

function expectedValues() {
  const online = fs.readFileSync('/sys/devices/system/cpu/online', 'utf8').trim();
  const cpuCount = online.split(',').reduce((n, part) => {
    const [a, b] = part.split('-').map(Number);
    return n + (b === undefined ? 1 : b - a + 1);
  }, 0);
  const memTotal = Number(/^MemTotal:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))[1]) * 1024;
  return {
    bootId: fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    cpuCount,
    memTotal,
    // Busy seconds cannot exceed every CPU busy since boot (plus the run's own length).
    maxBusy: (os.uptime() + 24 * 3600) * cpuCount,
  };
}

/** Returns one line per bad poll; empty when every poll is ok and sane. */
function check(results, e) {
  const problems = [];
  results.forEach((r, i) => {
    const bad = (what) => problems.push(`poll ${i}: ${what}`);
    if (!r || !r.ok) return bad(`failed: ${r ? r.reason : 'no result'}`);
    const v = r.values;
    const missing = KEYS.filter((k) => !Number.isFinite(v[k]));
    if (missing.length) return bad(`missing or non-numeric ${missing.join(', ')}`);
    if (r.bootId !== e.bootId) bad(`boot id ${r.bootId}, expected ${e.bootId}`);
    if (v['node.up'] !== 1) bad(`node.up ${v['node.up']}`);
    if (v['cpu.count'] !== e.cpuCount) bad(`cpu.count ${v['cpu.count']}, expected ${e.cpuCount}`);
    if (v['memory.total'] !== e.memTotal) bad(`memory.total ${v['memory.total']}, expected ${e.memTotal}`);
    if (!(v['memory.used'] > 0 && v['memory.used'] < v['memory.total'])) bad(`memory.used ${v['memory.used']}`);
    if (!(v['disk.total'] > 0)) bad(`disk.total ${v['disk.total']}`);
    if (!(v['disk.used'] >= 0 && v['disk.used'] <= v['disk.total'])) bad(`disk.used ${v['disk.used']} of ${v['disk.total']}`);
    if (!(v['cpu.busy'] > 0 && v['cpu.busy'] < e.maxBusy)) bad(`cpu.busy ${v['cpu.busy']}`);
    for (const k of ['net.rx', 'net.tx']) if (!(v[k] >= 0 && Number.isInteger(v[k]))) bad(`${k} ${v[k]}`);
    if (!(v['load.1m'] >= 0 && v['load.1m'] < 10_000)) bad(`load.1m ${v['load.1m']}`);
  });
  return problems;
}

module.exports = { check, expectedValues };
