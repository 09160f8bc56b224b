import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

export type IdentifiedRequest = Request & { id?: string };

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The first middleware of all: honours a caller's X-Request-Id when it is sane, otherwise mints
 * one, and echoes it. Everything after it (body limits, parse errors, the logger) can quote it.
 */
export function requestId(req: IdentifiedRequest, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  req.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
}
