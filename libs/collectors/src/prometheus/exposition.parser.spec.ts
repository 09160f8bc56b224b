import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { mapExposition, NODE_EXPORTER_MAPPING } from './exporter-mapping';
import { ExpositionParseError, parseExposition } from './exposition.parser';

const page = readFileSync(join(__dirname, '__fixtures__/node-exporter-1.5-debian12.txt'), 'utf8');

describe('the exposition parser', () => {
  it('reads a real node_exporter page as the Prometheus parser port does, sample for sample', () => {
    const ours = parseExposition(page);
    // The npm port of the Go parser (a devDependency) as the oracle: same names, labels and values.
    type Family = { name: string; type: string; metrics: { labels?: Record<string, string>; value?: string; quantiles?: Record<string, string>; buckets?: Record<string, string>; count?: string; sum?: string }[] };
    const families = parsePrometheusTextFormat(page) as Family[];
    const simple = families.filter((f) => f.type !== 'SUMMARY' && f.type !== 'HISTOGRAM');
    const expected = simple.flatMap((f) => f.metrics.map((m) => ({ name: f.name, labels: m.labels ?? {}, value: Number(m.value) })));
    const got = ours.samples.filter((s) => simple.some((f) => f.name === s.name));
    expect(got).toEqual(expected);
    expect(ours.types.get('node_cpu_seconds_total')).toBe('counter');
    expect(ours.types.get('node_memory_MemTotal_bytes')).toBe('gauge');
    expect(ours.samples).toHaveLength(210); // every non-comment line of the page
  });

  it('maps the page to Tally measurements: totals over devices, loopback and tmpfs left out', () => {
    const { samples } = parseExposition(page);
    const { values, unmatched } = mapExposition(samples, NODE_EXPORTER_MAPPING);
    const one = (name: string, labels: Record<string, string> = {}) =>
      samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);
    expect(values['memory.total']).toBe(one('node_memory_MemTotal_bytes'));
    expect(values['load.1m']).toBe(one('node_load1'));
    expect(values['net.rx']).toBe(one('node_network_receive_bytes_total') - one('node_network_receive_bytes_total', { device: 'lo' }));
    expect(values['disk.total']).toBeGreaterThan(0);
    expect(unmatched).toEqual([]);
    // A rule nothing matches gives no value and a reason: never a zero.
    const none = mapExposition(samples, [{ metric: 'node_hwmon_temp_celsius', measurement: 'temperature' }]);
    expect(none).toEqual({ values: {}, unmatched: [{ measurement: 'temperature', reason: 'node_hwmon_temp_celsius: not on the page' }] });
  });

  it('reads back any well-formed page it is given (names, escaped labels, special values, timestamps)', () => {
    const name = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,20}$/);
    const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/);
    const sample = fc.record({
      name,
      labels: fc.dictionary(labelName, fc.string({ maxLength: 12 }), { maxKeys: 4 }),
      value: fc.oneof(fc.double(), fc.integer().map(Number)),
      ts: fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { nil: undefined }),
    });
    const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
    const write = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));
    fc.assert(fc.property(fc.array(sample, { maxLength: 20 }), (samples) => {
      const text = samples.map((s) => {
        const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${escape(v)}"`).join(',');
        return `# HELP ${s.name} anything at all\n${s.name}${labels ? `{${labels}}` : ''} ${write(s.value)}${s.ts !== undefined ? ` ${s.ts}` : ''}`;
      }).join('\n');
      const got = parseExposition(text).samples;
      expect(got.map((s) => ({ name: s.name, labels: s.labels }))).toEqual(samples.map((s) => ({ name: s.name, labels: s.labels })));
      got.forEach((s, i) => expect(Object.is(s.value, samples[i].value) || s.value === samples[i].value).toBe(true));
    }));
  });

  it('refuses a malformed line with its number, never a partial page', () => {
    for (const [text, line, why] of [
      ['ok 1\nbroken{a="1" 2', 2, /expected , or }/],
      ['x{a="1",a="2"} 1', 1, /label a given twice/],
      ['x 1\n\nx twelve', 3, /bad value "twelve"/],
      ['x{a="\\q"} 1', 1, /bad escape/],
      ['x{a="1"}', 1, /expected a value/],
      ['# TYPE x meter\nx 1', 1, /unknown metric type meter/],
      ['<html>nginx error</html>', 1, /expected a metric name/],
      ['x 1 12.5', 1, /bad timestamp/],
    ] as const) {
      expect(() => parseExposition(text)).toThrow(ExpositionParseError);
      expect(() => parseExposition(text)).toThrow(new RegExp(`^line ${line}: ${why.source}`));
    }
  });
});
