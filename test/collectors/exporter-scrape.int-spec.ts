import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mapExposition, NODE_EXPORTER_MAPPING } from '../../libs/collectors/src/prometheus/exporter-mapping';
import { scrapeExporter } from '../../libs/collectors/src/prometheus/exporter-scrape';
import { freePort } from '../support/net';

const page = readFileSync(join(__dirname, '../../libs/collectors/src/prometheus/__fixtures__/node-exporter-1.5-debian12.txt'));

/**
 * A loopback HTTP server standing in for node_exporter (serving the captured page) and for the
 * ways an exporter goes wrong: each is a result with its stage and reason, never a throw and
 * never values.
 */
describe('scraping an exporter over HTTP', () => {
  let server: Server;
  let base: string;
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/metrics': (_q, res) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-length': page.length }).end(page),
    '/chunked': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      // No content-length: the limit must hold while streaming.
      const write = (n: number) => (n ? res.write(page, () => write(n - 1)) : res.end());
      write(20);
    },
    '/elsewhere': (_q, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/missing': (_q, res) => res.writeHead(404).end('not found'),
    '/html': (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Bad gateway</body></html>\n'),
    '/hang': () => undefined,
  };

  beforeAll(async () => {
    server = createServer((req, res) => (routes[req.url ?? ''] ?? routes['/missing'])(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const opts = { timeoutMs: 1_000, maxBytes: 64 * 1024 };

  it('reads the captured node_exporter page and maps it', async () => {
    const r = await scrapeExporter(`${base}/metrics`, opts);
    if (!r.ok) throw new Error(r.reason);
    expect(r.bytes).toBe(page.length);
    const { values, unmatched } = mapExposition(r.exposition.samples, NODE_EXPORTER_MAPPING);
    expect(Object.keys(values).sort()).toEqual(['disk.total', 'load.1m', 'memory.total', 'net.rx', 'net.tx']);
    expect(unmatched).toEqual([]);
  });

  it('says why when it gets nothing usable', async () => {
    const cases: [string, string, RegExp][] = [
      ['/elsewhere', 'http', /^HTTP 302 redirect to http:\/\/169\.254\.169\.254\/latest\/meta-data\/ not followed$/],
      ['/missing', 'http', /^HTTP 404 from /],
      ['/html', 'parse', /^line 1: expected a metric name/],
      ['/chunked', 'size', /over the limit of 65536 bytes/],
      ['/hang', 'timeout', /within 1000 ms$/],
    ];
    for (const [path, stage, reason] of cases) {
      const r = await scrapeExporter(`${base}${path}`, opts);
      expect([path, r.ok, !r.ok && r.stage]).toEqual([path, false, stage]);
      expect(!r.ok && r.reason).toMatch(reason);
    }
    const big = await scrapeExporter(`${base}/metrics`, { ...opts, maxBytes: 1000 });
    expect(big).toMatchObject({ ok: false, stage: 'size', reason: `the page is ${page.length} bytes, over the limit of 1000` });
    const refused = await scrapeExporter(`http://127.0.0.1:${await freePort()}/metrics`, opts);
    expect(refused).toMatchObject({ ok: false, stage: 'connect', reason: expect.stringMatching(/ECONNREFUSED/) });
  });
});
