import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { METRICS } from './metric-names';
import { MetricsRegistry } from './metrics.registry';

interface Panel { type: string; title: string; gridPos: { x: number; y: number; w: number; h: number }; targets?: { expr: string }[] }

/** docs/grafana-dashboard.json queries only what Tally exports, and shows every Tally metric. */
describe('docs/grafana-dashboard.json', () => {
  const dashboard = JSON.parse(readFileSync(resolve(__dirname, '../../../docs/grafana-dashboard.json'), 'utf8')) as { panels: Panel[]; __inputs: { name: string }[] };
  const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
  const names = new Set(exprs.flatMap((e) => [...e.matchAll(/\b((?:tally|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1])));

  it('queries only series that exist: catalog metrics (histograms by _bucket or _count) and default process metrics', async () => {
    const registry = new MetricsRegistry();
    const exported = new Set((await registry.registry.getMetricsAsJSON()).map((m) => m.name));
    const series = new Set<string>();
    for (const d of Object.values(METRICS)) {
      if (d.type === 'histogram') ['_bucket', '_count', '_sum'].forEach((s) => series.add(d.name + s));
      else series.add(d.name);
    }
    for (const name of names) {
      if (name.startsWith('tally_')) expect([name, series.has(name)]).toEqual([name, true]);
      else expect([name, exported.has(name)]).toEqual([name, true]);
    }
  });

  it('shows every Tally metric in at least one panel', () => {
    const used = [...names].map((n) => n.replace(/_(bucket|count|sum)$/, ''));
    for (const d of Object.values(METRICS)) expect([d.name, used.includes(d.name)]).toEqual([d.name, true]);
  });

  it('takes its Prometheus data source as an import input, and lays panels out without overlap', () => {
    expect(dashboard.__inputs.map((i) => i.name)).toEqual(['DS_PROMETHEUS']);
    const cells = new Set<string>();
    for (const p of dashboard.panels) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });
});
