import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** C0 controls and DEL: no id, key, date or filter the API takes has one, and NUL breaks PostgreSQL text. */
const CONTROL = /[\u0000-\u001f\u007f]/;

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Why the path (before `?`) is unacceptable, if it is. */
export function pathProblem(path: string): string | undefined {
  for (const segment of path.split('/')) {
    const decoded = decode(segment);
    if (decoded === undefined) return `The path has malformed percent-encoding (${segment.slice(0, 64)})`;
    if (CONTROL.test(decoded)) return 'The path must not contain control characters such as NUL (%00)';
  }
  return undefined;
}

/**
 * Why the query string is unacceptable, if it is, naming the parameter. No endpoint takes a
 * parameter twice, so a repeat is refused here rather than turned into an array a DTO would
 * misread ("limit must be an integer" for `limit=1&limit=2`).
 */
export function queryProblem(query: string): string | undefined {
  const seen = new Set<string>();
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const name = decode(rawName.replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1).replace(/\+/g, ' '));
    const shown = JSON.stringify((name ?? rawName).slice(0, 64));
    if (name === undefined || value === undefined) return `query parameter ${shown} has malformed percent-encoding`;
    if (CONTROL.test(name) || CONTROL.test(value)) return `query parameter ${shown} must not contain control characters such as NUL (%00)`;
    if (seen.has(name)) return `${name} must be given once (it is repeated in the query string)`;
    seen.add(name);
  }
  return undefined;
}

/** Refuses request lines no route could use safely, before routing or authentication. */
export function requestLine(req: Request, _res: Response, next: NextFunction): void {
  const url = req.originalUrl ?? req.url;
  const q = url.indexOf('?');
  const problem = pathProblem(q < 0 ? url : url.slice(0, q)) ?? (q < 0 ? undefined : queryProblem(url.slice(q + 1)));
  next(problem ? new BadRequestException(problem) : undefined);
}
