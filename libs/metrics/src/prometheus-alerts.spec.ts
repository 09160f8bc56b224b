import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { METRICS } from './metric-names';

/** docs/prometheus-alerts.yml names only series Tally exports (a rename would leave an alert that never fires). */
describe('docs/prometheus-alerts.yml', () => {
  const doc = parse(readFileSync(resolve(__dirname, '../../../docs/prometheus-alerts.yml'), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
  const rules = doc.groups.flatMap((g) => g.rules);

  it('queries only catalog metrics (histograms by _count or _bucket), with their labels', () => {
    const byName = new Map(Object.values(METRICS).flatMap((d) => (d.type === 'histogram' ? ['_count', '_bucket', '_sum'].map((s) => [d.name + s, d] as const) : [[d.name, d] as const])));
    for (const rule of rules) {
      for (const m of rule.expr.matchAll(/\b(tally_[a-z_]+)(?:\{([^}]*)\})?/g)) {
        const def = byName.get(m[1]);
        expect([rule.alert, m[1], !!def]).toEqual([rule.alert, m[1], true]);
        const labels = [...(m[2] ?? '').matchAll(/(\w+)\s*=~?/g)].map((l) => l[1]).filter((l) => l !== 'job');
        for (const label of labels) expect([rule.alert, label, (def!.labels as readonly string[]).includes(label)]).toEqual([rule.alert, label, true]);
      }
    }
    expect(rules.length).toBeGreaterThan(5);
  });
});
