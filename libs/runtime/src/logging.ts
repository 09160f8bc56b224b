import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';

/**
 * Names a secret goes by in anything we log: credentials the worker decrypts (SSH keys, RAPI
 * passwords and the `auth` it builds from them), API keys and tokens, the config's `secrets`.
 */
const SECRET_FIELDS = [
  'secret', 'secrets', 'password', 'passphrase', 'privateKey', 'private_key', 'key', 'apiKey', 'api_key',
  'token', 'accessToken', 'access_token', 'refreshToken', 'auth', 'authorization', 'cookie', 'bootstrapAdminKey',
];
/** How deep under a logged object a secret field is still found (pino paths have no `**`). */
const REDACT_DEPTH = 4;

/** Never written to logs, wherever they appear in a logged object (API and worker alike). */
export const REDACT_PATHS: readonly string[] = [
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((field) => Array.from({ length: REDACT_DEPTH + 1 }, (_, depth) => `${'*.'.repeat(depth)}${field}`)),
];
export const REDACTED = '[redacted]';

/** Query parameters that may carry a credential, compared without case, `-` or `_`. */
const CREDENTIAL_PARAMS = new Set(['accesstoken', 'token', 'key', 'apikey', 'password', 'passwd', 'secret', 'auth', 'authorization', 'signature']);

/** The URL with the value of every credential-like query parameter replaced by [redacted]. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name: string;
      try {
        name = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '));
      } catch {
        name = pair.slice(0, eq);
      }
      return CREDENTIAL_PARAMS.has(name.toLowerCase().replace(/[-_]/g, '')) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    });
  return `${url.slice(0, q)}?${query.join('&')}`;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * nestjs-pino parameters for both processes. The API (`http`) also logs one line per request
 * (health probes excepted) under the id the request-id middleware gave it.
 */
export function loggerParams(level: LogLevel, options: { http: boolean }): Params {
  const base = { level, redact: { paths: [...REDACT_PATHS], censor: REDACTED } };
  if (!options.http) return { pinoHttp: { ...base, autoLogging: false } };
  return {
    pinoHttp: {
      ...base,
      // Set by the API's first middleware, before anything can refuse the request.
      genReqId: (req: IncomingMessage) => req.id ?? '',
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // Health probes and metrics scrapes every few seconds would drown everything else
      // (a scrape is counted in the metrics themselves).
      autoLogging: { ignore: (req: IncomingMessage) => /^\/(health\/|metrics(\?|$))/.test(req.url ?? '') },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      },
    },
  };
}
