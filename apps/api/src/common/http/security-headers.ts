import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { HelmetOptions } from 'helmet';

export const DOCS_PATH = '/api/docs';

const COMMON: HelmetOptions = {
  // Behind a proxy that serves several hosts, including sub-domains is the operator's call.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  xFrameOptions: { action: 'deny' },
};

/** API answers are data, never a document: nothing may load, run or frame them. */
const apiHeaders = helmet({
  ...COMMON,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
  },
});

/**
 * A page served from this origin with its own scripts and styles, inline styles allowed and
 * nothing inline run: what Swagger UI and the queue dashboard both need. They differ only in
 * whether the page may set a <base href>.
 */
function selfPageHeaders(baseUri: "'none'" | "'self'") {
  return helmet({
    ...COMMON,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: [baseUri],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}

/**
 * Swagger UI loads its own scripts and styles from this origin and calls the API ("Try it
 * out"); its page has inline <style> blocks and its widgets set inline styles, nothing inline
 * runs. The billing page sets its own, stricter CSP (billing-page.controller.ts).
 */
const docsHeaders = selfPageHeaders("'none'");

/**
 * The queue dashboard (bull-board) is a page of its own: scripts and styles from this origin,
 * inline styles in its markup, and a <base href> of this origin; nothing inline runs (its
 * config is an application/json block). Its remote web font is left blocked.
 */
const dashboardHeaders = selfPageHeaders("'self'");

const DASHBOARD_PATH = '/admin/queues';

/**
 * Security headers on every response, and `Cache-Control: no-store` (an API answer may carry
 * a key just created, or a client's usage); the documentation and the billing page's static
 * files set their own caching.
 */
export function securityHeaders(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const docs = req.path === DOCS_PATH || req.path.startsWith(`${DOCS_PATH}/`);
    const dashboard = req.path === DASHBOARD_PATH || req.path.startsWith(`${DASHBOARD_PATH}/`);
    if (!docs) res.setHeader('Cache-Control', 'no-store');
    (docs ? docsHeaders : dashboard ? dashboardHeaders : apiHeaders)(req, res, next);
  };
}
