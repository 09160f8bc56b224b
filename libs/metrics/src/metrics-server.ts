import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { metricsAccess, METRICS_REFUSED } from './metrics-auth';
import { MetricsRegistry } from './metrics.registry';

/**
 * A process without an HTTP server of its own (the worker) serves its metrics here: GET
 * /metrics and nothing else, bearer token when one is set. Resolves once listening.
 */
export async function serveMetrics(registry: MetricsRegistry, options: { host: string; port: number; token?: string }): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Only /metrics is served here\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    const access = options.token ? metricsAccess(options.token, req.headers.authorization) : 'allowed';
    if (access !== 'allowed') {
      return void res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer realm="tally-metrics"' }).end(`${METRICS_REFUSED[access]}\n`);
    }
    registry.text().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : text),
      (err: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`metrics unavailable: ${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}
