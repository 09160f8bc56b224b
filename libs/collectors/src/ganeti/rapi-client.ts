import type { IncomingMessage } from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import { GanetiInstance, parseRapiInstances, RapiInstanceProblem } from './rapi-instances.parser';
import { RapiShapeError } from './rapi-shape.error';
import { describeTlsError, rapiTlsPolicy, RapiTlsPolicy, RapiTlsSettings } from './rapi-tls';

/** What collection needs to know about one cluster (the secret already decrypted). */
export interface RapiCluster extends RapiTlsSettings {
  fqdn: string;
  /** Empty means `defaultRapiUrl(fqdn)`. A path prefix (behind a proxy) is kept. */
  rapiUrl?: string | null;
  username?: string | null;
  password?: string | null;
}

export interface RapiFetchOptions {
  /** DNS, TCP and the TLS handshake together. */
  connectTimeoutMs: number;
  /** Everything, from the first packet to the last byte parsed; activity does not extend it. */
  totalTimeoutMs: number;
  maxBodyBytes?: number;
}

export type RapiFailureStage = 'connect' | 'tls' | 'http' | 'content-type' | 'json' | 'shape' | 'timeout';

export interface RapiFetchSuccess {
  ok: true;
  /** When the answer's headers arrived, i.e. about when Ganeti built it. */
  fetchedAt: Date;
  instances: GanetiInstance[];
  problems: RapiInstanceProblem[];
  durationMs: number;
}

export interface RapiFetchFailure {
  ok: false;
  stage: RapiFailureStage;
  /** Meant for an operator: it is stored on the collection run. */
  reason: string;
  durationMs: number;
}

export type RapiFetchResult = RapiFetchSuccess | RapiFetchFailure;

export const RAPI_PORT = 5080;
/** A bulk answer is a few KiB per instance; this leaves room for very large clusters. */
export const RAPI_MAX_BODY_BYTES = 256 * 1024 * 1024;
const ERROR_BODY_BYTES = 4096;
const ERROR_BODY_WAIT_MS = 250;

export function defaultRapiUrl(fqdn: string): string {
  return `https://${isIP(fqdn) === 6 ? `[${fqdn}]` : fqdn}:${RAPI_PORT}`;
}

/**
 * `GET <rapiUrl>/2/instances?bulk=1`, checked at every step. Whatever is wrong with the
 * cluster comes back as `{ ok: false, stage, reason }`; this never throws and never hangs
 * past `totalTimeoutMs`.
 */
export async function fetchInstances(cluster: RapiCluster, options: RapiFetchOptions): Promise<RapiFetchResult> {
  const started = performance.now();
  const failNow = (stage: RapiFailureStage, reason: string): RapiFetchFailure =>
    ({ ok: false, stage, reason, durationMs: Math.round(performance.now() - started) });
  let url: URL;
  try {
    url = instancesUrl(cluster.rapiUrl || defaultRapiUrl(cluster.fqdn));
  } catch (e) {
    return failNow('connect', `invalid RAPI URL: ${(e as Error).message}`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const policy = rapiTlsPolicy(cluster, host);
  if ('error' in policy) return failNow('tls', policy.error);
  return exchange({ cluster, options, url, host, policy, started });
}

function instancesUrl(base: string): URL {
  const url = new URL(base);
  if (url.protocol !== 'https:') throw new Error(`${url.protocol} is not https:`);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/2/instances`;
  url.search = '?bulk=1';
  url.hash = '';
  return url;
}

interface Exchange {
  cluster: RapiCluster;
  options: RapiFetchOptions;
  url: URL;
  host: string;
  policy: RapiTlsPolicy;
  started: number;
}

function exchange({ cluster, options, url, host, policy, started }: Exchange): Promise<RapiFetchResult> {
  const port = Number(url.port || 443);
  const maxBody = options.maxBodyBytes ?? RAPI_MAX_BODY_BYTES;
  return new Promise((resolve) => {
    let phase: 'connect' | 'tls' | 'request' | 'body' = 'connect';
    let settled = false;
    let socket: tls.TLSSocket | undefined;
    const finish = (result: RapiFetchResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      socket?.destroy();
      resolve(result);
    };
    const elapsed = () => Math.round(performance.now() - started);
    const fail = (stage: RapiFailureStage, reason: string) => finish({ ok: false, stage, reason, durationMs: elapsed() });

    const totalTimer = setTimeout(
      () => fail('timeout', `no complete answer within ${options.totalTimeoutMs} ms (${PHASE_WORDS[phase]})`),
      options.totalTimeoutMs,
    );
    const connectTimer = setTimeout(
      () => fail('timeout', `no TLS connection to ${host}:${port} within ${options.connectTimeoutMs} ms (${PHASE_WORDS[phase]})`),
      options.connectTimeoutMs,
    );

    try {
      socket = tls.connect({ host, port, ...policy.connect });
    } catch (e) {
      // e.g. a CA bundle whose later entries OpenSSL cannot read
      return fail('tls', `cannot set up TLS: ${(e as Error).message}`);
    }
    const tlsSocket = socket;
    socket.once('connect', () => (phase = 'tls'));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (phase === 'connect') fail('connect', describeConnectError(err, host, port));
      else if (phase === 'tls') fail('tls', describeTlsError(err, cluster.tlsMode));
      else fail('http', `connection failed ${PHASE_WORDS[phase]}: ${err.message}`);
    });
    socket.once('secureConnect', () => {
      clearTimeout(connectTimer);
      // Checked before the request (and its credentials) is written to the socket.
      const refused = policy.verify(tlsSocket);
      if (refused) return fail('tls', refused);
      phase = 'request';
      const req = https.request({
        host, port, method: 'GET', path: `${url.pathname}${url.search}`,
        headers: requestHeaders(cluster),
        createConnection: () => tlsSocket, // the socket verified above, never a pooled one
      });
      req.on('error', (err) => fail('http', `no HTTP answer: ${err.message}`));
      req.on('response', onResponse);
      req.end();
    });

    function onResponse(res: IncomingMessage) {
      const fetchedAt = new Date();
      phase = 'body';
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        return readErrorBody(res, (body) => fail('http', httpReason(status, res.statusMessage, body, !!cluster.username)));
      }
      const contentType = res.headers['content-type'];
      const problem = contentTypeProblem(contentType);
      if (problem) return fail('content-type', problem);
      const declared = Number(res.headers['content-length']);
      if (declared > maxBody) return fail('http', `the answer is ${declared} bytes, over the ${maxBody}-byte limit`);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) return fail('http', `the answer grew past the ${maxBody}-byte limit`);
        chunks.push(chunk);
      });
      res.on('error', (err) => fail('http', `the answer was cut off after ${size} bytes: ${err.message}`));
      res.on('close', () => {
        if (!res.complete) fail('http', `the connection closed after ${size} bytes, before the answer was complete`);
      });
      res.on('end', () => {
        if (settled) return;
        const outcome = decode(Buffer.concat(chunks, size));
        if (!outcome.ok) return fail(outcome.stage, outcome.reason);
        finish({ ok: true, fetchedAt, ...outcome.parsed, durationMs: elapsed() });
      });
    }
  });
}

const PHASE_WORDS = {
  connect: 'while connecting',
  tls: 'during the TLS handshake',
  request: 'waiting for the HTTP answer',
  body: 'while reading the answer',
} as const;

function requestHeaders(cluster: RapiCluster): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'tally-collector' };
  if (cluster.username) {
    const token = Buffer.from(`${cluster.username}:${cluster.password ?? ''}`, 'utf8').toString('base64');
    headers.Authorization = `Basic ${token}`;
  }
  return headers;
}

type Decoded =
  | { ok: true; parsed: ReturnType<typeof parseRapiInstances> }
  | { ok: false; stage: 'json' | 'shape'; reason: string };

function decode(body: Buffer): Decoded {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, stage: 'json', reason: 'the answer body is empty' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const cut = /end of JSON input|Unterminated/i.test(message) ? '; the answer looks truncated' : '';
    return { ok: false, stage: 'json', reason: `invalid JSON in a ${body.length}-byte answer (${message})${cut}` };
  }
  try {
    return { ok: true, parsed: parseRapiInstances(json) };
  } catch (e) {
    const reason = e instanceof RapiShapeError ? e.reason : `could not read the instances: ${(e as Error).message}`;
    return { ok: false, stage: 'shape', reason };
  }
}

function contentTypeProblem(header: string | undefined): string | null {
  const media = header?.split(';')[0].trim().toLowerCase();
  if (!media) return 'the answer has no Content-Type; expected application/json';
  if (media === 'application/json' || media.endsWith('+json')) return null;
  if (media === 'text/html') {
    return 'expected JSON but got an HTML page (text/html): something other than the RAPI answered, e.g. a proxy or login page';
  }
  return `expected application/json but got ${media}`;
}

function httpReason(status: number, statusText: string | undefined, body: string, hasUser: boolean): string {
  const line = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 401 || status === 403) {
    const hint = hasUser ? 'check the RAPI user and password' : 'no RAPI user is configured for this cluster';
    return `authentication failed: ${line} (${hint})`;
  }
  return `${line}${ganetiMessage(body)}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}`;
}

/** Ganeti explains its errors as JSON `{code, message, explain}`; worth passing on. */
function ganetiMessage(body: string): string {
  try {
    const json = JSON.parse(body) as { message?: unknown; explain?: unknown };
    const parts = [json.message, json.explain].filter((p): p is string => typeof p === 'string' && p !== '');
    return parts.length ? `: ${parts.join(' — ').slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

/** A little of an error answer, without letting a slow error page hold up the result. */
function readErrorBody(res: IncomingMessage, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let called = false;
  const finish = () => {
    if (called) return;
    called = true;
    clearTimeout(timer);
    done(Buffer.concat(chunks).toString('utf8').slice(0, ERROR_BODY_BYTES));
  };
  const timer = setTimeout(finish, ERROR_BODY_WAIT_MS);
  res.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= ERROR_BODY_BYTES) finish();
  });
  res.on('end', finish);
  res.on('close', finish);
  res.on('error', finish);
}

function describeConnectError(err: NodeJS.ErrnoException, host: string, port: number): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${host}:${port} (is ganeti-rapi running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${host} (${err.code})`;
    default:
      return `cannot connect to ${host}:${port}: ${err.code ? `${err.code}: ` : ''}${err.message}`;
  }
}
