import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { AddressInfo, createServer as createTcpServer, Socket } from 'node:net';
import { basicCredentials, rapiAnswer, send as sendAnswer, sendBytes, unauthorized } from '../../scripts/lib/rapi-standin';
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

  /** As a healthy RAPI answers (scripts/lib/rapi-standin.js), unless a mode says otherwise. */
  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://standin');
    const credentials = basicCredentials(req.headers.authorization);
    this.requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, accept: req.headers.accept, credentials });
    if (this.mode === 'unauthorized') return sendAnswer(res, unauthorized());
    const answer = rapiAnswer(req, { ...this.options, body: this.options.body ?? defaultBody(), clusters: this.clusters });
    if (answer.kind !== 'bulk') return sendAnswer(res, answer);
    this.answer(res, answer.bytes);
  }

  private answer(res: ServerResponse, bytes: Buffer): void {
    const later = (ms: number, fn: () => void) => {
      const t = setTimeout(() => (this.timers.delete(t), fn()), ms);
      this.timers.add(t);
    };
    switch (this.mode) {
      case 'server-error':
        return sendAnswer(res, { kind: 'json', status: 500, value: { code: 500, message: 'Internal Server Error', explain: 'Error while querying the cluster' } });
      case 'html':
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return void res.end('<!doctype html><html><head><title>Sign in</title></head><body><form>…</form></body></html>');
      case 'truncated-json':
        return sendBytes(res, bytes.subarray(0, Math.floor(bytes.length / 2)));
      case 'reset-mid-body':
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
        return later(20, () => res.socket?.destroy());
      case 'hang':
        return;
      case 'slow-headers':
        return later(this.delayMs, () => sendBytes(res, bytes));
      case 'trickle': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        let at = 0;
        const drip = () => later(this.delayMs, () => !res.destroyed && (res.write(bytes.subarray(at, ++at)), drip()));
        return drip();
      }
      default:
        return sendBytes(res, bytes);
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

let htools: Buffer | undefined;
function defaultBody(): Buffer {
  htools ??= readRapiFixtureBytes('htoolsInstances');
  return htools;
}
