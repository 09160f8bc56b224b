'use strict';
// Summarises a .cpuprofile: self time by function and by file, the busy share of wall time.
const fs = require('node:fs');

function summarise(file, top = 25) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const fns = new Map();
  const files = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, us] of dt) {
    const n = byId.get(id);
    const f = n.callFrame;
    total += us;
    if (f.functionName === '(idle)') idle += us;
    const name = `${f.functionName || '(anon)'} ${short(f.url)}:${f.lineNumber + 1}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    const where = short(f.url) || f.functionName;
    files.set(where, (files.get(where) ?? 0) + us);
  }
  const line = ([k, us]) => `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`;
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, idle ${((100 * idle) / total).toFixed(1)}%`);
  console.log('-- by function (self)');
  [...fns].sort((a, b) => b[1] - a[1]).slice(0, top).forEach((e) => console.log(line(e)));
  console.log('-- by file (self)');
  [...files].sort((a, b) => b[1] - a[1]).slice(0, top).forEach((e) => console.log(line(e)));
}

function short(url) {
  return (url || '').replace(/^file:\/\//, '').replace(/.*\/node_modules\//, 'nm/').replace(/.*\/dist\//, 'dist/');
}

if (require.main === module) for (const f of process.argv.slice(2)) summarise(f);
module.exports = { summarise };
