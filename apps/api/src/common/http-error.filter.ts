import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { pgCode } from '@tally/database';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  requestId: string;
  errors?: unknown[];
}

/** body-parser raises plain errors carrying `status` and `type`; give them a readable message. */
function bodyParserMessage(err: { type?: string; message?: string; limit?: number }): string | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return `Malformed JSON body: ${err.message}`;
    case 'entity.too.large':
      return `Request body is larger than the ${err.limit} byte limit`;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'Request body must be UTF-8 JSON';
    case 'request.aborted':
      return 'Request was aborted by the client';
    default:
      return undefined;
  }
}

/**
 * Nest turns body-parser's SyntaxError into a bare BadRequestException carrying JSON.parse's
 * message ("Unexpected end of JSON input"); say plainly that the body was not valid JSON.
 */
function isJsonSyntaxError(exception: HttpException, message: string): boolean {
  return (exception.constructor as unknown) === BadRequestException && exception.getStatus() === 400 && /\bJSON\b/.test(message) && !message.includes(' must ');
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
};

/** The one error shape of the HTTP contract: { statusCode, error, message, requestId }. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<Request & { id?: string }>();
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception, String(req.id ?? ''));
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'unhandled error');
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    const make = (statusCode: number, message: string, errors?: unknown[]): ErrorBody => ({
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message,
      requestId,
      ...(errors ? { errors } : {}),
    });
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse() as string | { message?: string | string[]; errors?: unknown[] };
      if (typeof response === 'string') return make(status, response);
      const message = Array.isArray(response.message) ? response.message.join('; ') : (response.message ?? exception.message);
      return make(status, isJsonSyntaxError(exception, message) ? `Malformed JSON body: ${message}` : message, response.errors);
    }
    const e = exception as { status?: unknown; type?: string; message?: string; limit?: number };
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      return make(e.status, bodyParserMessage(e) ?? e.message ?? 'Bad request');
    }
    const mapped = PG_CLIENT_ERRORS[pgCode(exception) ?? ''];
    if (mapped) return make(mapped[0], mapped[1]);
    return make(500, 'Internal server error; quote the requestId when reporting it');
  }
}
