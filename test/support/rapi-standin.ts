import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { AddressInfo, createServer as createTcpServer, Socket } from 'node:net';
import { rapiTestCertificates, RapiTestCertificates } from './rapi-certs';
import { readRapiFixtureBytes } from './rapi-fixtures';

/** How the stand-in misbehaves; `ok` answers like a healthy Ganeti RAPI. */
export type RapiStandinMode =
  | 'ok'
  | 'unauthorized' // 401 whatever the credentials
  | 'server-error' // 500 with Ganeti's JSON error body
  | 'html' // 200 text/html: a login portal in front of the RAPI
  | 'truncated-json' // 200 application/json, only the first half of the body
  | 'reset-mid-body' // promises the whole body, sends half, drops the connection
  | 'hang' // reads the request, never answers
  | 'slow-headers' // answers normally after `delayMs`
  | 'trickle'; // 200 headers, then one byte every `delayMs`, forever

export type RapiBody = Buffer | unknown[] | (() => Buffer);

export interface RapiStandinOptions {
  /** The answer at `/2/instances?bulk=1`; the htools fixture, byte for byte, by default. */
  body?: RapiBody;
  /** When set, requests without these Basic credentials get 401, as `--require-authentication`. */
  username?: string;
  password?: string;
}

export interface RapiStandinRequest {
  method: string;
  path: string;
  accept?: string;
  /** Decoded from the Authorization header, when it is Basic. */
  credentials?: { username: string; password: string };
}

const CLUSTER_PATH = /^\/clusters\/([^/]+)(\/.*)$/;

/**
 * A real HTTPS server answering like Ganeti's RAPI on 127.0.0.1 (port 0), with a test CA.
 * Extra clusters can be served under `/clusters/<name>` so one server can stand in for many
 * (`addCluster` returns that cluster's `rapiUrl`).
 *
 *   const standin = await RapiStandin.start({ username: 'u', password: 'p' });
 *   fetchInstances({ fqdn, rapiUrl: standin.url, username: 'u', password: 'p',
 *     tlsMode: 'ca', caCertificate: standin.certificates.main.caCert }, timeouts);
 *   standin.setMode('hang'); standin.presentCertificate('other'); await standin.close();
 */
export class RapiStandin {
  mode: RapiStandinMode = 'ok';
  /** Used by `slow-headers` and `trickle`. */
  delayMs = 1000;
  readonly requests: RapiStandinRequest[] = [];
  private readonly clusters = new Map<string, RapiBody>();
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    readonly certificates: RapiTestCertificates,
    private readonly options: RapiStandinOptions,
  ) {}

  static async start(options: RapiStandinOptions = {}): Promise<RapiStandin> {
    const certificates = await rapiTestCertificates();
    const { serverCert: cert, serverKey: key } = certificates.main;
    const server = createServer({ cert, key });
    const standin = new RapiStandin(server, certificates, options);
    server.on('connection', (s: Socket) => {
      standin.sockets.add(s);
      s.once('close', () => standin.sockets.delete(s));
    });
    server.on('request', (req, res) => standin.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standin;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The `rapiUrl` of the default cluster. */
  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  clusterUrl(name: string): string {
    return `${this.url}/clusters/${encodeURIComponent(name)}`;
  }

  addCluster(name: string, body: RapiBody): string {
    this.clusters.set(name, body);
    return this.clusterUrl(name);
  }

  setMode(mode: RapiStandinMode, delayMs = this.delayMs): void {
    this.mode = mode;
    this.delayMs = delayMs;
  }

  /** From now on new connections see this certificate (`main` is the default). */
  presentCertificate(which: keyof RapiTestCertificates): void {
    const { serverCert: cert, serverKey: key } = this.certificates[which];
    this.server.setSecureContext({ cert, key });
  }

  async close(): Promise<void> {
    this.timers.forEach((t) => clearTimeout(t));
    this.sockets.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://standin');
    const credentials = basicCredentials(req.headers.authorization);
    this.requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, accept: req.headers.accept, credentials });
    const { username, password } = this.options;
    const refused = username !== undefined && (credentials?.username !== username || credentials?.password !== password);
    if (this.mode === 'unauthorized' || refused) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Ganeti Remote API"');
      return json(res, 401, { code: 401, message: 'Unauthorized', explain: 'No or invalid credentials' });
    }
    const cluster = CLUSTER_PATH.exec(url.pathname);
    const body = cluster ? this.clusters.get(decodeURIComponent(cluster[1])) : this.options.body ?? defaultBody();
    const route = cluster ? cluster[2] : url.pathname;
    if (req.method !== 'GET' || route !== '/2/instances' || body === undefined) {
      return json(res, 404, { code: 404, message: 'Not Found', explain: `No such resource: ${url.pathname}` });
    }
    const bytes = toBytes(body);
    // Without bulk=1 Ganeti lists only names and URIs.
    if (url.searchParams.get('bulk') !== '1') return json(res, 200, nonBulk(bytes));
    this.answer(res, bytes);
  }

  private answer(res: ServerResponse, bytes: Buffer): void {
    const later = (ms: number, fn: () => void) => {
      const t = setTimeout(() => (this.timers.delete(t), fn()), ms);
      this.timers.add(t);
    };
    switch (this.mode) {
      case 'server-error':
        return json(res, 500, { code: 500, message: 'Internal Server Error', explain: 'Error while querying the cluster' });
      case 'html':
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return void res.end('<!doctype html><html><head><title>Sign in</title></head><body><form>…</form></body></html>');
      case 'truncated-json':
        return send(res, bytes.subarray(0, Math.floor(bytes.length / 2)));
      case 'reset-mid-body':
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
        return later(20, () => res.socket?.destroy());
      case 'hang':
        return;
      case 'slow-headers':
        return later(this.delayMs, () => send(res, bytes));
      case 'trickle': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        let at = 0;
        const drip = () => later(this.delayMs, () => !res.destroyed && (res.write(bytes.subarray(at, ++at)), drip()));
        return drip();
      }
      default:
        return send(res, bytes);
    }
  }
}

/** A TCP listener that accepts and never speaks: a handshake that never completes. */
export async function startSilentTcpServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function basicCredentials(header: string | undefined): RapiStandinRequest['credentials'] {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

let htools: Buffer | undefined;
function defaultBody(): Buffer {
  htools ??= readRapiFixtureBytes('htoolsInstances');
  return htools;
}

function toBytes(body: RapiBody): Buffer {
  if (Buffer.isBuffer(body)) return body;
  return typeof body === 'function' ? body() : Buffer.from(JSON.stringify(body));
}

function nonBulk(bytes: Buffer): unknown[] {
  const list = JSON.parse(bytes.toString('utf8')) as Array<{ name: string }>;
  return list.map(({ name }) => ({ id: name, uri: `/2/instances/${name}` }));
}

function send(res: ServerResponse, bytes: Buffer): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const bytes = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
}
