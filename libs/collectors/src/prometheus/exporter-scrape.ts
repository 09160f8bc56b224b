import { request } from 'undici';
import { parseExposition, Exposition, ExpositionParseError } from './exposition.parser';

export interface ScrapeOptions {
  timeoutMs: number;
  /** Bytes of body read at most; a larger page fails rather than filling the worker's memory. */
  maxBytes: number;
}

export type ScrapeResult =
  | { ok: true; exposition: Exposition; bytes: number; durationMs: number }
  | { ok: false; stage: 'connect' | 'timeout' | 'http' | 'size' | 'parse'; reason: string; durationMs: number };

/**
 * One GET of an exporter page with undici. Redirects are never followed (an exporter that
 * redirects is misconfigured, and following one could lead the worker to any host); the whole
 * exchange has one deadline; the body is read up to maxBytes. Every failure is a result with
 * its stage and reason, never a throw.
 */
export async function scrapeExporter(url: string, opts: ScrapeOptions): Promise<ScrapeResult> {
  const began = Date.now();
  const fail = (stage: Extract<ScrapeResult, { ok: false }>['stage'], reason: string): ScrapeResult => ({ ok: false, stage, reason, durationMs: Date.now() - began });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), opts.timeoutMs);
  try {
    const res = await request(url, {
      method: 'GET', signal: abort.signal, headers: { accept: 'text/plain;version=0.0.4' },
      headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs,
    });
    if (res.statusCode >= 300 && res.statusCode < 400) {
      await res.body.dump();
      return fail('http', `HTTP ${res.statusCode} redirect to ${String(res.headers.location ?? '?')} not followed`);
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      return fail('http', `HTTP ${res.statusCode} from ${url}`);
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      abort.abort();
      return fail('size', `the page is ${declared} bytes, over the limit of ${opts.maxBytes}`);
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of res.body) {
      bytes += (chunk as Buffer).length;
      if (bytes > opts.maxBytes) {
        abort.abort();
        return fail('size', `the page is over the limit of ${opts.maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    try {
      return { ok: true, exposition: parseExposition(Buffer.concat(chunks).toString('utf8')), bytes, durationMs: Date.now() - began };
    } catch (e) {
      if (e instanceof ExpositionParseError) return fail('parse', e.message);
      throw e;
    }
  } catch (e) {
    if (abort.signal.aborted) return fail('timeout', `no complete answer from ${url} within ${opts.timeoutMs} ms`);
    const err = e as Error & { code?: string };
    return fail('connect', `${url}: ${err.code ? `${err.code} ` : ''}${err.message}`);
  } finally {
    clearTimeout(timer);
  }
}
