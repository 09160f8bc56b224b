import { ApiKeysService } from '@tally/tenancy';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { clientAddress } from '../common/auth/client-address';
import { RateLimiter } from '../common/rate-limit/rate-limiter';

/** The admin key from `Authorization: Basic <any user>:<key>` (what a browser can send) or `Bearer <key>`. */
export function dashboardKey(authorization: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && decoded.length > colon + 1 ? decoded.slice(colon + 1) : undefined;
}

/** A change sent by a page of this origin, not by another site through a logged-in browser. */
function sameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site) return site === 'same-origin';
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser (curl, a script): it has no ambient credentials to abuse
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function refuse(res: Response, status: number, error: string, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(status).json({ statusCode: status, error, message, requestId: res.getHeader('X-Request-Id') ?? '' });
}

/**
 * In front of bull-board: admin keys only, checked on every request (a revoked key stops at
 * once), with the API's per-address budget of failed attempts. Basic auth because a browser
 * cannot add a Bearer header to a page it opens; its 401 makes the browser ask for the key.
 */
export function queueDashboardAuth(apiKeys: ApiKeysService, limits: RateLimiter): RequestHandler {
  const challenge = { 'WWW-Authenticate': 'Basic realm="Tally queues (admin API key as password)", charset="UTF-8"' };
  return (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const address = clientAddress(req);
      const attempt = await limits.reserveAttempt(address);
      if (!attempt.allowed) return refuse(res, 429, 'Too Many Requests', attempt.message ?? 'Too many requests', attempt.headers);
      const key = dashboardKey(req.headers.authorization);
      if (!key) return refuse(res, 401, 'Unauthorized', 'The queue dashboard needs an admin API key: the password of basic auth, or "Authorization: Bearer <key>"', challenge);
      const outcome = await apiKeys.authenticate(key, address);
      if ('failure' in outcome) return refuse(res, 401, 'Unauthorized', 'Unknown, revoked, expired or malformed API key', challenge);
      const admitted = await limits.admitKey(outcome.principal.keyId, address);
      if (!admitted.allowed) return refuse(res, 429, 'Too Many Requests', admitted.message ?? 'Too many requests', admitted.headers);
      if (outcome.principal.role !== 'admin') return refuse(res, 403, 'Forbidden', `The queue dashboard needs role admin; this key has role ${outcome.principal.role}`);
      if (!['GET', 'HEAD'].includes(req.method) && !sameOrigin(req)) {
        return refuse(res, 403, 'Forbidden', 'Changes to queues must come from the dashboard page itself (same origin)');
      }
      next();
    })().catch(next);
  };
}
