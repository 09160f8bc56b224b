import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/**
 * A scrape parsed with parse-prometheus-text-format, a port of the Prometheus project's Go
 * text-format parser (expfmt): its line parser refuses what Prometheus would (bad names,
 * label syntax, escapes, values), where a regex over the text would accept anything.
 * prom-client ships no parser, and npm has no maintained one; this one's last release is
 * from 2019, and it has a limit found here: it merges a histogram's or summary's lines only
 * when they carry no labels, so labelled histogram series (ours all are) lose their labels.
 * Histogram families are therefore parsed as untyped, which keeps every `_bucket`, `_sum`
 * and `_count` line with its labels; their declared type is kept apart.
 */
export interface Sample {
  labels?: Record<string, string>;
  value: string;
}

export interface Family {
  name: string;
  /** As declared by `# TYPE`, lower case: counter, gauge, histogram, untyped. */
  type: string;
  samples: Sample[];
}

export function parseScrape(text: string): Map<string, Family> {
  const types = new Map<string, string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(m[1], m[2]);
  const histograms = [...types].filter(([, type]) => type === 'histogram' || type === 'summary').map(([name]) => name);
  const untyped = text.replace(/^# TYPE (\S+) (histogram|summary)$/gm, '# TYPE $1 untyped');
  const families = new Map<string, Family>();
  for (const f of parsePrometheusTextFormat(untyped) as { name: string; metrics: Sample[] }[]) {
    const owner = histograms.find((h) => [`${h}_bucket`, `${h}_sum`, `${h}_count`].includes(f.name));
    const family = families.get(f.name) ?? { name: f.name, type: owner ? `${types.get(owner)}-part` : (types.get(f.name) ?? 'untyped'), samples: [] };
    family.samples.push(...f.metrics);
    families.set(f.name, family);
  }
  for (const h of histograms) families.set(h, { name: h, type: types.get(h)!, samples: [] });
  return families;
}

/**
 * The sum of the values of the series of `name` whose labels include `labels`; for a
 * histogram, of its `_count` series (how many were observed). Undefined when there is none.
 */
export function value(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  const family = families.get(families.get(name)?.type === 'histogram' ? `${name}_count` : name);
  const matching = family?.samples.filter((s) => Object.entries(labels).every(([k, v]) => s.labels?.[k] === v)) ?? [];
  return matching.length ? matching.reduce((n, s) => n + Number(s.value), 0) : undefined;
}
