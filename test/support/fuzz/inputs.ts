import fc from 'fast-check';
import { OpenApiDoc, Operation, Parameter, resolve, Schema } from './schemas';

export type Caller = 'admin' | 'billing' | 'client' | 'none' | 'bogus';

/** One request, ready to send; `mutation` says how it was spoiled (or `valid`). */
export interface FuzzRequest {
  op: Operation;
  caller: Caller;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  mutation: string;
}

/** Real objects to aim at, so valid input reaches the code behind validation. */
export interface Pools {
  ids: Record<string, string[]>;
  /** Ids made by the fuzzer itself: the only ones it deletes or revokes. */
  created: Record<string, string[]>;
  measurements: string[];
}

const DEEP = (levels: number) => `${'{"a":['.repeat(levels)}1${']}'.repeat(levels)}`;
const NOW = Date.now();
const iso = fc.integer({ min: -40 * 86_400_000, max: 3_600_000 }).map((d) => new Date(NOW + d).toISOString());
const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/);

/** Strings that break things: control characters, odd Unicode, injection, sizes. */
const nasty = fc.constantFrom(
  'a\u0000b', '\u0000', 'tab\there', 'line\nbreak', 'bell\u0007', 'esc\u001b[2J', 'del\u007f', '\ud800', 'x\udfffy', '😀', 'e\u0301',
  '\u202eevil', ' ', '', '   padded ', "'; DROP TABLE clients; --", '%00', '../../etc/passwd', '<script>', '=cmd|x', 'null', 'NaN',
  'x'.repeat(10_000), '0x10', '１２３', '\ufeff', 'a'.repeat(300),
);
const oddNumber = fc.constantFrom(1e308, -1e308, 9007199254740993, -0, 0.5, -1, 2 ** 31, 2 ** 63, 1e-320, 65536);
const badUuid = fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-00000000000', 'ZZZZZZZZ-0000-0000-0000-000000000000', '{00000000-0000-0000-0000-000000000000}', '0', '%00', '\u0000');
const badDate = fc.constantFrom('2026-13-01T00:00:00Z', '2026-02-30', 'yesterday', '1999-01-01T00:00:00', '+275760-09-13T00:00:01Z', '2026-01-01T25:00:00Z', '0', '1e3', '');
const oddQuery = fc.constantFrom('0x10', '0b11', '%205', '1e3', '5.0', '-1', '99999999999999999999', '', '%00', '%E0%A4%A', 'true', 'null', '[]', '__proto__');

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** encodeURIComponent, but a lone surrogate (which it cannot encode) goes out as the bytes UTF-8 forbids. */
function encode(value: string): string {
  return value.split(LONE_SURROGATE).map(encodeURIComponent).join('%ED%A0%80');
}

function poolArb(pools: Pools, collection: string, mine = false): fc.Arbitrary<string> {
  const ids = (mine ? pools.created : pools.ids)[collection] ?? [];
  return ids.length ? fc.constantFrom(...ids) : fc.uuid();
}

/** Which collection an `xxxId` field or `/xxx/{id}` segment points into. */
const COLLECTION: Record<string, string> = { clientId: 'clients', projectId: 'projects', resourceId: 'resources', credentialId: 'credentials' };

/** A value the schema accepts, biased towards real objects for ids and keys. */
function validValue(doc: OpenApiDoc, raw: Schema, name: string, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  const schema = raw.allOf ? resolve(doc, raw.allOf[0]) : resolve(doc, raw);
  if (COLLECTION[name]) return fc.oneof({ weight: 8, arbitrary: poolArb(pools, COLLECTION[name]) }, { weight: 1, arbitrary: fc.uuid() });
  if (name === 'measurement' || name === 'key') return fc.oneof(fc.constantFrom(...pools.measurements), fc.stringMatching(/^[a-z]{2,8}\.[a-z]{2,8}$/));
  if (name === 'ts' || name === 'slot') return iso;
  if (name === 'tz') return fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata');
  if (name === 'from' || name === 'to') return fc.oneof(iso, fc.constantFrom('2026-10-01', '2026-11-01'));
  if (name === 'fqdn' || name === 'clusterFqdn' || name === 'cluster') return word.map((w) => `${w}.example.org`);
  if (name === 'type' && !schema.enum) return fc.constantFrom('database', 'node', 'ganeti-vm', 'storage');
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, 1000) });
    case 'number':
      return fc.double({ min: -1e6, max: 1e9, noNaN: true, noDefaultInfinity: true });
    case 'array': {
      const items = validValue(doc, schema.items ?? {}, name === 'measurements' ? 'measurement' : name, pools, depth + 1);
      return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    }
    case 'object':
      if (depth > 3) return fc.constant({});
      if (!schema.properties) return fc.dictionary(word, word, { maxKeys: 3 });
      return objectValue(doc, schema, pools, depth);
    default:
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time') return iso;
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.tuple(word, fc.nat()).map(([w, n]) => `${w}-${n.toString(36)}`);
  }
}

function objectValue(doc: OpenApiDoc, schema: Schema, pools: Pools, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  return fc.record(Object.fromEntries(props.map(([k, s]) => [k, validValue(doc, s, k, pools, depth + 1)])), {
    requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)),
  });
}

/** One field of the body, spoiled in one way. */
const fieldSpoilers: Record<string, fc.Arbitrary<unknown>> = {
  wrongType: fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.string()),
  null: fc.constant(null),
  nasty,
  hugeNumber: oddNumber,
  badUuid,
  badDate,
  longString: fc.constant('x'.repeat(70_000)),
};

/** The body as text, spoiled as a whole (these are written raw, JSON.stringify cannot say them). */
const textSpoilers: Record<string, (json: string) => string | Buffer> = {
  deep: (json) => json.replace(/^\{/, `{"deep":${DEEP(2000)},`),
  malformed: (json) => json.slice(0, Math.max(1, json.length - 2)),
  notObject: () => '[1,2,3]',
  protoKey: (json) => json.replace(/^\{/, '{"__proto__":{"admin":true},'),
  nulEscape: (json) => json.replace(/^\{/, '{"\\u0000":1,'),
  infinity: (json) => json.replace(/^\{/, '{"value":1e400,'),
  invalidUtf8: (json) => Buffer.concat([Buffer.from(json.slice(0, -1)), Buffer.from([0xc3, 0x28]), Buffer.from('}')]),
  loneSurrogate: (json) => json.replace(/^\{/, '{"x":"\\udc00",'),
  empty: () => '',
  oversize: (json) => json.replace(/^\{/, `{"pad":"${'y'.repeat(300 * 1024)}",`),
};

const headerSpoilers: Record<string, Record<string, string>> = {
  textPlain: { 'Content-Type': 'text/plain' },
  form: { 'Content-Type': 'application/x-www-form-urlencoded' },
  utf16: { 'Content-Type': 'application/json; charset=utf-16' },
  latin1: { 'Content-Type': 'application/json; charset=iso-8859-1' },
  gzipClaimed: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
  compress: { 'Content-Type': 'application/json', 'Content-Encoding': 'compress' },
  noType: {},
};

function param(doc: OpenApiDoc, p: Parameter, pools: Pools, method: string, path: string): fc.Arbitrary<string> {
  if (p.in === 'path') {
    const collection = /\/([a-z-]+)\/\{\w+\}/.exec(path)?.[1] ?? '';
    if (p.name === 'key') return fc.constantFrom(...pools.measurements);
    return poolArb(pools, collection, method === 'delete');
  }
  return validValue(doc, p.schema, p.name, pools).map(String);
}

/** A request for `op`: valid, or spoiled in one of the ways a hostile caller would try. */
export function requestArbitrary(doc: OpenApiDoc, op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const hasBody = ['post', 'put', 'patch'].includes(op.method);
  const body = op.body ? objectValue(doc, resolve(doc, op.body), pools, 0) : fc.constant({});
  const pathValues = fc.tuple(...op.pathParams.map((p) => param(doc, p, pools, op.method, op.path)));
  const query = fc.record(Object.fromEntries(op.queryParams.map((p) => [p.name, param(doc, p, pools, op.method, op.path)])), { requiredKeys: [] });
  const mutations = [
    'valid', 'valid', 'valid', 'query.odd', 'query.repeat', 'query.unknown', 'query.nasty', 'accept.odd',
    ...(op.pathParams.length ? ['path.badUuid', 'path.nul', 'path.percent', 'path.nasty'] : []),
    ...(hasBody ? [...Object.keys(fieldSpoilers).map((k) => `field.${k}`), 'field.unknown', ...Object.keys(textSpoilers).map((k) => `text.${k}`), ...Object.keys(headerSpoilers).map((k) => `header.${k}`)] : ['body.unexpected']),
  ];
  return fc
    .record({
      caller: fc.constantFrom<Caller>('admin', 'admin', 'billing', 'client', 'none', 'bogus'),
      mutation: fc.constantFrom(...mutations),
      body,
      pathValues,
      query,
      spoil: fc.oneof(...Object.values(fieldSpoilers)),
      nasty,
      odd: oddQuery,
      pick: fc.nat(),
    })
    .map(({ caller, mutation, body, pathValues, query, spoil, nasty: bad, odd, pick }) => {
      const values = [...pathValues];
      const q = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined);
      const headers: Record<string, string> = { Accept: 'application/json' };
      const names = op.queryParams.map((p) => p.name);
      const target = names.length ? names[pick % names.length] : 'limit';
      if (mutation === 'query.odd') q.push([target, odd]);
      if (mutation === 'query.repeat') q.push([target, '1'], [target, '2']);
      if (mutation === 'query.unknown') q.push([['access_token', 'admin', '__proto__', 'constructor'][pick % 4], 'x']);
      if (mutation === 'query.nasty') q.push([target, bad]);
      if (mutation === 'accept.odd') headers.Accept = ['text/html', 'image/png', 'text/csv', '*/*', 'application/xml'][pick % 5];
      if (values.length && mutation.startsWith('path.')) {
        const i = pick % values.length;
        values[i] = { 'path.badUuid': 'not-a-uuid', 'path.nul': 'abc%00def', 'path.percent': '%E0%A4%A', 'path.nasty': encode(bad) || 'x' }[mutation]!;
      }
      let path = op.path;
      op.pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, mutation.startsWith('path.') && i === pick % values.length ? values[i] : encode(values[i]))));
      // Odd values that are already percent-encoded (%00, %E0%A4%A) go out as they are.
      const raw = (v: string) => (/^%(00|E0|20)/.test(v) ? v : encode(v));
      const qs = q.map(([k, v]) => `${encode(k)}=${mutation === 'query.odd' || mutation === 'query.nasty' ? raw(v) : encode(v)}`).join('&');
      const url = `${path}${qs ? `?${qs}` : ''}`;
      if (!hasBody) {
        if (mutation !== 'body.unexpected') return { op, caller, url, headers, mutation };
        return { op, caller, url, headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"a":1}', mutation };
      }
      const fields = Object.keys(body);
      const value: Record<string, unknown> = { ...body };
      if (mutation.startsWith('field.') && mutation !== 'field.unknown') value[fields.length ? fields[pick % fields.length] : 'name'] = spoil;
      if (mutation === 'field.unknown') value[`extra${pick % 10}`] = 'x';
      const json = JSON.stringify(value);
      const text = mutation.startsWith('text.') ? textSpoilers[mutation.slice(5)](json) : json;
      const typed = mutation.startsWith('header.') ? headerSpoilers[mutation.slice(7)] : { 'Content-Type': 'application/json' };
      return { op, caller, url, headers: { ...headers, ...typed }, body: mutation === 'header.utf16' ? Buffer.from(json, 'utf16le') : text, mutation };
    });
}
