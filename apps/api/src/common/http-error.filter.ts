import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { isDatabaseUnavailable, pgCode } from '@tally/database';
import { isRedisUnavailable } from '@tally/jobs';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { IdentifiedRequest } from './http/request-id';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  requestId: string;
  errors?: unknown[];
  /** On a 409 for a closed period: the instant before which data is closed. */
  closedBefore?: string;
}

/** Database errors a client's input can trigger, mapped to 4xx; anything else is our bug (500). */
const PG_CLIENT_ERRORS: Record<string, [number, string]> = {
  '22P02': [400, 'A value has the wrong format'],
  '22003': [400, 'A number is out of range'],
  '22007': [400, 'A date or time has the wrong format'],
  '22008': [400, 'A date or time is out of range'],
  '23505': [409, 'An object with the same unique value already exists'],
  '23503': [409, 'A referenced object does not exist or is still in use'],
  '23514': [400, 'A value breaks a rule of the data model'],
  // Checked at the door (json-body.ts, request-line.ts, the DTOs); these are the safety net.
  '22021': [400, 'A text value has a character PostgreSQL cannot store (NUL)'],
  '23502': [400, 'A required value is missing'],
};

/**
 * How long a caller should wait before retrying a 503 that does not set its own Retry-After
 * (a dependency that is down): about one reconnect attempt of the clients.
 */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/** The one error shape of the HTTP contract: { statusCode, error, message, requestId }. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<IdentifiedRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    // The request-id middleware runs first; should a request ever get here without one, mint it.
    if (!req.id) {
      req.id = randomUUID();
      if (!res.headersSent) res.setHeader('X-Request-Id', req.id);
    }
    const body = this.toBody(exception, req.id);
    if (body.statusCode === 503) {
      this.logger.warn({ requestId: body.requestId, reason: (exception as Error)?.message }, body.message);
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'unhandled error');
    }
    if (res.headersSent) return;
    // Every 503 says when to come back; a refusal that knows better (a busy report pool) set it already.
    if (body.statusCode === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(DEPENDENCY_RETRY_AFTER_SECONDS));
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    const make = (statusCode: number, message: string, errors?: unknown[], closedBefore?: string): ErrorBody => ({
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message,
      requestId,
      ...(errors ? { errors } : {}),
      ...(closedBefore ? { closedBefore } : {}),
    });
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse() as string | { message?: string | string[]; errors?: unknown[]; closedBefore?: string };
      if (typeof response === 'string') return make(status, response);
      const message = Array.isArray(response.message) ? response.message.join('; ') : (response.message ?? exception.message);
      return make(status, message, response.errors, response.closedBefore);
    }
    // Express itself raises plain errors with a 4xx `status` (e.g. a path it cannot decode).
    const e = exception as { status?: unknown; message?: string };
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      return make(e.status, e.message ?? 'Bad request');
    }
    const mapped = PG_CLIENT_ERRORS[pgCode(exception) ?? ''];
    if (mapped) return make(mapped[0], mapped[1]);
    // A dependency that is down is not our bug nor the caller's: 503, retry later.
    if (isDatabaseUnavailable(exception)) {
      return make(503, `The database (PostgreSQL) is not reachable, so the request could not be carried out; retry after ${DEPENDENCY_RETRY_AFTER_SECONDS} seconds`);
    }
    if (isRedisUnavailable(exception)) {
      return make(503, `The job queue (Redis) is not reachable, so the request could not be carried out; retry after ${DEPENDENCY_RETRY_AFTER_SECONDS} seconds`);
    }
    return make(500, 'Internal server error; quote the requestId when reporting it');
  }
}
