import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FAILURE_CLASSES, METRICS } from './metric-names';

/** docs/metrics.md is what dashboards and alerts are written from: it must list exactly the metrics Tally exports. */
describe('docs/metrics.md', () => {
  const doc = readFileSync(resolve(__dirname, '../../../docs/metrics.md'), 'utf8');

  it('documents every metric with its type and labels, once', () => {
    const rows = [...doc.matchAll(/^\| `(tally_[a-z_]+)` \| (\w+) \| ([^|]*) \|/gm)].map((m) => ({
      name: m[1], type: m[2], labels: [...m[3].matchAll(/`(\w+)`/g)].map((l) => l[1]),
    }));
    const defs = Object.values(METRICS).map((d) => ({ name: d.name, type: d.type, labels: [...d.labels] }));
    expect(rows.sort((a, b) => a.name.localeCompare(b.name))).toEqual(defs.sort((a, b) => a.name.localeCompare(b.name)));
  });

  it('documents every failure class', () => {
    const table = doc.slice(doc.indexOf('### Failure classes'), doc.indexOf('### Adding a metric'));
    const documented = [...table.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1].matchAll(/`([a-z-]+)`/g)].map((c) => c[1]));
    expect(documented.sort()).toEqual(FAILURE_CLASSES.filter((c) => c !== 'none').sort());
  });

  it('names metrics as Prometheus expects: counters end in _total, histograms in _seconds, no label Prometheus sets itself', () => {
    for (const d of Object.values(METRICS)) {
      expect(d.name).toMatch(/^tally_[a-z_]+$/);
      if (d.type === 'counter') expect(d.name).toMatch(/_total$/);
      if (d.type === 'histogram') expect(d.name).toMatch(/_seconds$/);
      // Prometheus sets these on every scraped series: a label of ours so named would be renamed exported_*.
      expect(d.labels.filter((l) => ['job', 'instance', 'le'].includes(l))).toEqual([]);
    }
  });
});
