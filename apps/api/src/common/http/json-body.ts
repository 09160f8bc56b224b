import { BadRequestException, HttpException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { findUnacceptableText, nestsDeeperThan } from './json-checks';

export const JSON_MEDIA_TYPE = 'application/json';
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const DECOMPRESSORS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface BodyLimits {
  maxBytes: number;
  maxDepth: number;
  /**
   * Routes whose handler reads a body of this media type as a stream itself (a million-sample
   * NDJSON correction does not fit in memory, let alone JSON.parse): left unread here. The
   * handler then owns every check this parser would have made.
   */
  streamed?: readonly StreamedBody[];
}

export interface StreamedBody {
  method: string;
  /** The full path, /api/v1 prefix included. */
  path: string;
  type: string;
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** `application/json; charset=utf-8` → its media type and charset, lower-cased. */
function contentTypeOf(req: Request): { type: string; charset?: string } {
  const [type, ...params] = (req.headers['content-type'] ?? '').split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^"\s]*)"?\s*$/i.exec(p)?.[1]).find((c) => c !== undefined);
  return { type: type.trim().toLowerCase(), charset: charset?.toLowerCase() };
}

function unsupported(req: Request, res: Response, message: string): HttpException {
  res.setHeader(req.method === 'PATCH' ? 'Accept-Patch' : 'Accept-Post', JSON_MEDIA_TYPE);
  return new UnsupportedMediaTypeException(message);
}

/**
 * The rest of the body is not parsed; Node discards it after the answer (closing the
 * connection instead could reset it before the client has read the 413).
 */
function tooLarge(maxBytes: number): HttpException {
  return new PayloadTooLargeException(`Request body is larger than the ${maxBytes} byte limit (TALLY_BODY_LIMIT)`);
}

/** Reads at most `maxBytes` (after decompression), failing as soon as the body is larger. */
function readBody(req: Request, encoding: string, maxBytes: number): Promise<Buffer> {
  if (encoding === 'identity' && Number(req.headers['content-length']) > maxBytes) return Promise.reject(tooLarge(maxBytes));
  const source: Readable = encoding === 'identity' ? req : (req.pipe(DECOMPRESSORS[encoding]()) as unknown as Readable);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error: HttpException | undefined) => {
      if (settled) return;
      settled = true;
      source.removeAllListeners('data');
      if (error) {
        req.unpipe();
        req.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) settle(tooLarge(maxBytes));
      else chunks.push(chunk);
    });
    source.on('end', () => settle(undefined));
    source.on('error', () =>
      settle(new BadRequestException(encoding === 'identity' ? 'Request body could not be read' : `Request body is not valid ${encoding} data (Content-Encoding)`)),
    );
    req.on('close', () => !req.complete && settle(new BadRequestException('Request was aborted by the client')));
  });
}

/**
 * The one JSON body parser. Every check that can refuse a body runs before the expensive
 * work, so a caller without a key costs no more than reading what it sent:
 * method → media type and charset (415) → encoding → size while reading (413) → UTF-8 →
 * nesting depth by a linear scan (400) → JSON.parse → NUL, lone surrogates, `__proto__` (400).
 */
export function jsonBody(limits: BodyLimits): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) return next();
    if (!BODY_METHODS.has(req.method)) return next(new BadRequestException(`A ${req.method} request takes no body`));
    const { type, charset } = contentTypeOf(req);
    const streamed = (limits.streamed ?? []).filter((s) => s.method === req.method && s.path === req.path).map((s) => s.type);
    if (streamed.includes(type)) return next();
    if (type !== JSON_MEDIA_TYPE) {
      const accepted = [JSON_MEDIA_TYPE, ...streamed].join(' or ');
      return next(unsupported(req, res, `Content-Type must be ${accepted} (got ${type || 'none'})`));
    }
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return next(unsupported(req, res, `Content-Type charset must be utf-8 (got ${charset || 'an empty one'})`));
    }
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && !DECOMPRESSORS[encoding]) {
      return next(unsupported(req, res, `Content-Encoding ${encoding} is not supported (use gzip, deflate, br or none)`));
    }
    readBody(req, encoding, limits.maxBytes)
      .then((bytes) => parseJson(bytes, limits.maxDepth))
      .then((body) => {
        req.body = body;
        next();
      }, next);
  };
}

function parseJson(bytes: Buffer, maxDepth: number): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new BadRequestException('Request body is not valid UTF-8');
  }
  if (!text.trim()) return {};
  if (nestsDeeperThan(text, maxDepth)) {
    throw new BadRequestException(`Request body nests arrays or objects deeper than ${maxDepth} levels (TALLY_JSON_MAX_DEPTH)`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new BadRequestException(`Malformed JSON body: ${(e as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestException('The body must be a JSON object');
  }
  const problem = findUnacceptableText(body);
  if (problem) throw new BadRequestException(problem);
  return body;
}
