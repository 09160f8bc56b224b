import { METRICS, MetricsRegistry } from '@tally/metrics';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Requests answered before any route matched them (404s, bodies refused by a middleware). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route a request matched, as its template (`/api/v1/clients/:id`), never the raw path:
 * every distinct label value is a series Prometheus keeps, and raw paths are unbounded (ids,
 * scanners probing random URLs). Express sets `req.route` once a route matched; a router
 * mounted under a path (the queue dashboard) adds its base.
 */
export function routeTemplate(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${req.baseUrl ?? ''}${route.path}` : UNMATCHED_ROUTE;
}

/** Methods outside this set (a fuzzer's) count as OTHER, so they cannot grow the series either. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** tally_http_request_duration_seconds for every answer, timed from the first middleware to the last byte. */
export function httpMetrics(registry: MetricsRegistry): RequestHandler {
  const histogram = registry.histogram(METRICS.httpRequestDuration);
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const method = METHODS.has(req.method) ? req.method : 'OTHER';
      histogram.observe({ method, route: routeTemplate(req), status: String(res.statusCode) }, seconds);
    });
    next();
  };
}
