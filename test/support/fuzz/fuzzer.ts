import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Caller, FuzzRequest, Pools, requestArbitrary } from './inputs';
import { OpenApiDoc, operationsOf, ResponseValidator } from './schemas';

export interface FuzzOptions {
  /** http://host:port of the API */
  baseUrl: string;
  adminKey: string;
  requests: number;
  seed: number;
}

export interface FuzzResult {
  requests: number;
  operations: number;
  statuses: Record<string, number>;
  serverErrors: number;
  failures: string[];
}

const uniq = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** node:http rather than fetch: the URL goes out as written (no normalising) and a GET may carry a body. */
function send(base: string, method: string, url: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    let answered = false;
    const length = body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) };
    const req = request({ hostname, port, path: url, method, headers: { ...headers, ...length }, agent }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // A server may answer (413) before it has read all we send; what follows is not our concern.
    req.on('error', (e) => !answered && reject(e));
    req.end(body);
  });
}

async function call(base: string, key: string, method: string, path: string, body?: unknown) {
  const res = await send(base, method, path, { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
  if (res.status >= 300) throw new Error(`fuzz set-up: ${method} ${path} → ${res.status} ${res.text}`);
  return JSON.parse(res.text);
}

/** Objects and keys to aim at, made through the API so it works against any deployment. */
async function prepare(base: string, adminKey: string): Promise<{ keys: Record<Caller, string>; pools: Pools }> {
  const post = (path: string, body: unknown) => call(base, adminKey, 'POST', `/api/v1${path}`, body);
  const client = await post('/clients', { name: uniq('fuzz-client'), billingRef: 'FUZZ-1' });
  const project = await post('/projects', { clientId: client.id, name: uniq('fuzz-project') });
  const resource = await post('/resources', { projectId: project.id, name: uniq('fuzz-db'), type: 'database' });
  const measurement = await post('/measurements', { key: `fuzz.m${randomUUID().replace(/[^a-f]/g, '').slice(0, 8)}`, kind: 'gauge', unit: 'byte' });
  const credential = await post('/credentials', { name: uniq('fuzz-cred'), kind: 'password', secret: 'fuzz-secret', username: 'fuzz' });
  const cluster = await post('/clusters', { fqdn: `${uniq('fuzz')}.example.org`, credentialId: credential.id });
  const billing = await post('/api-keys', { name: uniq('fuzz-billing'), role: 'billing' });
  const clientKey = await post('/api-keys', { name: uniq('fuzz-client'), role: 'client', clientId: client.id, scopes: ['samples:write'] });
  await post('/samples', { samples: [{ resourceId: resource.id, measurement: measurement.key, ts: new Date(Date.now() - 3_600_000).toISOString(), value: 1 }] });
  const run = await post('/collections', {});
  return {
    keys: { admin: adminKey, billing: billing.key, client: clientKey.key, none: '', bogus: `tally_${'x'.repeat(43)}` },
    pools: {
      ids: {
        clients: [client.id], projects: [project.id], resources: [resource.id], credentials: [credential.id],
        clusters: [cluster.id], 'api-keys': [billing.id], collections: [run.id],
      },
      created: {},
      measurements: [measurement.key, 'memory.used', 'ganeti.vcpus'],
    },
  };
}

function describeRequest(r: FuzzRequest): string {
  const body = r.body === undefined ? '' : ` body=${(Buffer.isBuffer(r.body) ? `<${r.body.length} bytes>` : r.body).slice(0, 300)}`;
  return `${r.op.method.toUpperCase()} ${r.url} as ${r.caller} [${r.mutation}] headers=${JSON.stringify(r.headers)}${body}`;
}

/** What is wrong with one response: a 5xx, an undocumented status, the wrong shape. */
function check(r: FuzzRequest, res: Answer, validator: ResponseValidator): string | undefined {
  const text = res.text;
  const status = String(res.status);
  if (res.status >= 500) return `${status}: ${text.slice(0, 300)}`;
  const documented = r.op.responses[status];
  if (!documented) return `${status} is not documented for ${r.op.id}: ${text.slice(0, 200)}`;
  const type = String(res.headers['content-type'] ?? '').split(';')[0].trim();
  const types = Object.keys(documented);
  if (!types.length) return text ? `${status} is documented without a body, got ${text.slice(0, 100)}` : undefined;
  if (!types.includes(type)) return `${status} answered ${type || 'no content type'}, documented ${types.join(', ')}`;
  if (type !== 'application/json') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${status} body is not JSON: ${text.slice(0, 100)}`;
  }
  if (res.status >= 400) {
    const e = body as { statusCode?: unknown; requestId?: unknown };
    if (e.statusCode !== res.status) return `error statusCode ${String(e.statusCode)} ≠ ${status}`;
    if (typeof e.requestId !== 'string' || !e.requestId || e.requestId !== res.headers['x-request-id']) return `error without its request id: ${text.slice(0, 200)}`;
  }
  const problem = validator.problem(documented[type]!, body);
  return problem ? `${status} does not match its schema: ${problem}; body ${text.slice(0, 300)}` : undefined;
}

/** Keeps ids the fuzzer made, so later requests can aim at (and delete) them. */
function remember(r: FuzzRequest, res: Answer, pools: Pools): void {
  if (res.status !== 201) return;
  const collection = /^\/api\/v1\/([a-z-]+)/.exec(r.url)?.[1];
  try {
    const body = JSON.parse(res.text) as { id?: string; key?: string };
    if (collection === 'measurements' && body.key) pools.measurements.push(body.key);
    else if (collection && body.id) for (const pool of [pools.ids, pools.created]) (pool[collection] ??= []).push(body.id);
  } catch {
    /* not JSON: check() reports it */
  }
}

/**
 * Walks every operation of the document in turn, `requests` times in all, each request drawn by
 * fast-check from seed + its number: valid input or input spoiled one way, as one of the
 * callers. Every answer is checked; the result lists what was wrong, never stopping early.
 */
export async function runFuzz(options: FuzzOptions, onProgress?: (done: number) => void): Promise<FuzzResult> {
  const doc = JSON.parse((await send(options.baseUrl, 'GET', '/api/docs-json', {})).text) as OpenApiDoc;
  const ops = operationsOf(doc);
  const validator = new ResponseValidator(doc);
  const { keys, pools } = await prepare(options.baseUrl, options.adminKey);
  const result: FuzzResult = { requests: 0, operations: ops.length, statuses: {}, serverErrors: 0, failures: [] };
  for (let i = 0; i < options.requests; i++) {
    const op = ops[i % ops.length];
    const [r] = fc.sample(requestArbitrary(doc, op, pools), { seed: options.seed + i, numRuns: 1 });
    const headers = { ...r.headers, ...(keys[r.caller] ? { Authorization: `Bearer ${keys[r.caller]}` } : {}) };
    let res: Answer;
    try {
      res = await send(options.baseUrl, r.op.method.toUpperCase(), r.url, headers, r.body);
    } catch (e) {
      result.failures.push(`#${i} ${describeRequest(r)}\n    → no answer: ${(e as Error).message}`);
      continue;
    }
    result.requests++;
    result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
    if (res.status >= 500) result.serverErrors++;
    const problem = check(r, res, validator);
    if (problem) result.failures.push(`#${i} ${describeRequest(r)}\n    → ${problem}`);
    remember(r, res, pools);
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  return result;
}

export function summary(result: FuzzResult, seed: number): string {
  const statuses = Object.entries(result.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
  return `fuzz: ${result.requests} requests over ${result.operations} operations (seed ${seed}); statuses ${statuses}; ${result.serverErrors} 5xx; ${result.failures.length} failures`;
}
