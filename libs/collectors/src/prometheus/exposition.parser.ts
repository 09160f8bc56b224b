/**
 * The Prometheus text exposition format (version 0.0.4), strictly: what node_exporter and the
 * textfile collector's scripts write. Written here rather than taken from npm: the parser
 * there (parse-prometheus-text-format, a devDependency for our own metrics tests) has not been
 * released since 2018 and answers malformed input with a partial result instead of an error,
 * while a collector must tell a broken page from a metric that is absent. Every malformed line
 * is an error naming its line; nothing is skipped silently.
 */
export interface ExpositionSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: ExpositionSample[];
  /** From `# TYPE` lines: counter, gauge, histogram, summary or untyped. */
  types: Map<string, string>;
}

export class ExpositionParseError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export function parseExposition(text: string): Exposition {
  const samples: ExpositionSample[] = [];
  const types = new Map<string, string>();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = /^#\s+TYPE\s+(\S+)\s+(\S+)\s*$/.exec(line);
      if (m) {
        if (!NAME.test(m[1]) || NAME.exec(m[1])![0] !== m[1]) throw new ExpositionParseError(n, `bad metric name in TYPE: ${m[1]}`);
        if (!TYPES.has(m[2])) throw new ExpositionParseError(n, `unknown metric type ${m[2]}`);
        if (types.has(m[1])) throw new ExpositionParseError(n, `second TYPE line for ${m[1]}`);
        types.set(m[1], m[2]);
      }
      return; // HELP and other comments carry nothing we read
    }
    samples.push(parseSample(line, n));
  });
  return { samples, types };
}

function parseSample(line: string, n: number): ExpositionSample {
  let rest = line.replace(/^[ \t]+/, '');
  const name = NAME.exec(rest)?.[0];
  if (!name) throw new ExpositionParseError(n, `expected a metric name, got ${JSON.stringify(line.slice(0, 40))}`);
  rest = rest.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) rest = parseLabels(rest.slice(1), labels, n);
  const parts = rest.trim().split(/[ \t]+/);
  if (!/^[ \t]/.test(rest) || parts.length < 1 || parts.length > 2 || parts[0] === '') throw new ExpositionParseError(n, `expected a value (and an optional timestamp) after ${name}`);
  const value = parseValue(parts[0]);
  if (value === undefined) throw new ExpositionParseError(n, `bad value ${JSON.stringify(parts[0])} for ${name}`);
  if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) throw new ExpositionParseError(n, `bad timestamp ${JSON.stringify(parts[1])} for ${name}`);
  return { name, labels, value };
}

/** Reads `name="value",...}` into labels; returns what follows the closing brace. */
function parseLabels(s: string, labels: Record<string, string>, n: number): string {
  let rest = s;
  for (;;) {
    rest = rest.replace(/^[ \t]+/, '');
    if (rest.startsWith('}')) return rest.slice(1);
    const label = LABEL_NAME.exec(rest)?.[0];
    if (!label) throw new ExpositionParseError(n, 'expected a label name');
    rest = rest.slice(label.length).replace(/^[ \t]+/, '');
    if (!rest.startsWith('="')) throw new ExpositionParseError(n, `expected ="…" after label ${label}`);
    rest = rest.slice(2);
    let value = '';
    for (let i = 0; ; i++) {
      const c = rest[i];
      if (c === undefined) throw new ExpositionParseError(n, `unterminated value of label ${label}`);
      if (c === '"') {
        rest = rest.slice(i + 1);
        break;
      }
      if (c === '\\') {
        const e = rest[++i];
        if (e === 'n') value += '\n';
        else if (e === '\\' || e === '"') value += e;
        else throw new ExpositionParseError(n, `bad escape \\${e ?? ''} in label ${label}`);
      } else value += c;
    }
    if (label in labels) throw new ExpositionParseError(n, `label ${label} given twice`);
    labels[label] = value;
    rest = rest.replace(/^[ \t]+/, '');
    if (rest.startsWith(',')) rest = rest.slice(1);
    else if (!rest.startsWith('}')) throw new ExpositionParseError(n, `expected , or } after label ${label}`);
  }
}

function parseValue(s: string): number | undefined {
  if (s === 'NaN') return NaN;
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}
