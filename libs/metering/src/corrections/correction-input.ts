import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { ItemProblem } from '../sample-batch';

/**
 * A correction as sent, in either form, read into batches of raw items without holding the
 * whole request: the JSON body `{ reason, samples: [...], deletes: [...] }` (within the API's
 * body limit), or NDJSON (`application/x-ndjson`) for backfills of up to a million items:
 *
 *   {"reason": "Re-import October from the cluster's accounting log"}
 *   {"resourceId": "…", "measurement": "disk.used", "ts": "2026-10-01T00:00:00Z", "value": 5}
 *   {"delete": {"resourceId": "…", "measurement": "disk.used", "ts": "2026-10-01T00:30:00Z"}}
 *
 * Items are named as a caller would find them: samples[3] and deletes[0] in JSON, line 7 in
 * NDJSON. Checking them is CorrectionsService's job; here only the framing is read.
 */
export const MAX_CORRECTION_ITEMS = 1_000_000;
export const MAX_REASON_LENGTH = 2000;
/** A sample line is about 130 bytes; a line this long is not one. */
export const MAX_NDJSON_LINE_BYTES = 16 * 1024;
/** A million lines of long keys and values fit with room; past this a body is not a correction. */
export const MAX_NDJSON_BYTES = 512 * 1024 * 1024;
/** Items handed on at a time: enough to amortise a catalog lookup, small enough to stay light. */
const BATCH = 5_000;

export type CorrectionOp = 'upsert' | 'delete';

/** One item as sent. `ordinal` orders items in the request; `at` names it in errors. */
export interface RawCorrectionItem {
  ordinal: number;
  at: string;
  op: CorrectionOp;
  item: unknown;
  /** Set when the framing itself is wrong (a line that is not JSON, say). */
  problem?: ItemProblem;
}

export interface CorrectionInput {
  reason: unknown;
  /** Batches of items in request order; iterating consumes the request. */
  batches: AsyncIterable<RawCorrectionItem[]>;
  /** An item's name (its `at`) from its ordinal, for problems found once the items are staged. */
  label(ordinal: number, op: CorrectionOp): string;
}

/** The JSON body form. */
export function correctionFromJson(body: unknown): CorrectionInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestException('The body must be a JSON object { reason, samples: [...], deletes: [...] }, or NDJSON (Content-Type: application/x-ndjson)');
  }
  const { reason, samples = [], deletes = [], ...extra } = body as Record<string, unknown>;
  const unknownKey = Object.keys(extra)[0];
  if (unknownKey !== undefined) throw new BadRequestException(`${unknownKey} is not allowed; the body is { reason, samples, deletes }`);
  if (!Array.isArray(samples)) throw new BadRequestException('samples must be an array of { resourceId, measurement, ts, value }');
  if (!Array.isArray(deletes)) throw new BadRequestException('deletes must be an array of { resourceId, measurement, ts }');
  const [upserts, removals]: unknown[][] = [samples, deletes];
  checkCount(upserts.length + removals.length, true);
  async function* batches(): AsyncGenerator<RawCorrectionItem[]> {
    const all = [
      ...upserts.map((item, i): RawCorrectionItem => ({ ordinal: i, at: `samples[${i}]`, op: 'upsert', item })),
      ...removals.map((item, i): RawCorrectionItem => ({ ordinal: upserts.length + i, at: `deletes[${i}]`, op: 'delete', item })),
    ];
    for (let i = 0; i < all.length; i += BATCH) yield all.slice(i, i + BATCH);
  }
  const label = (ordinal: number) => (ordinal < upserts.length ? `samples[${ordinal}]` : `deletes[${ordinal - upserts.length}]`);
  return { reason, batches: batches(), label };
}

/** The NDJSON form: reads the reason line now, and the items as `batches` is iterated. */
export async function correctionFromNdjson(body: AsyncIterable<Buffer | string>): Promise<CorrectionInput> {
  const lines = ndjsonLines(body)[Symbol.asyncIterator]();
  let first: NdjsonLine | undefined;
  let buffered: NdjsonLine[] = [];
  while (!first) {
    const next = await lines.next();
    if (next.done) throw new BadRequestException('line 1 must be {"reason": "…"}; the body is empty');
    const nonBlank = next.value.findIndex((l) => l.text.trim() !== '');
    if (nonBlank >= 0) [first, buffered] = [next.value[nonBlank], next.value.slice(nonBlank + 1)];
  }
  const head = parseLine(first.text);
  const reasonLine = `line ${first.line} must be {"reason": "…"} (then one sample or {"delete": {…}} per line)`;
  if (!head.ok || typeof head.value !== 'object' || head.value === null || Array.isArray(head.value)) throw new BadRequestException(reasonLine);
  const { reason, ...extra } = head.value as Record<string, unknown>;
  if (Object.keys(extra).length) throw new BadRequestException(`${reasonLine}; ${Object.keys(extra)[0]} is not allowed there`);

  async function* batches(): AsyncGenerator<RawCorrectionItem[]> {
    let count = 0;
    for (let chunk = buffered; ; ) {
      const items = chunk.filter((l) => l.text.trim() !== '').map(lineItem);
      count += items.length;
      checkCount(count, false);
      if (items.length) yield items;
      const next = await lines.next();
      if (next.done) break;
      chunk = next.value;
    }
    checkCount(count, true);
  }
  return { reason, batches: batches(), label: (ordinal, op) => `line ${ordinal}${op === 'delete' ? ' (delete)' : ''}` };
}

/** The reason as stored: trimmed, 1–2000 characters, no control characters but tab and newline. */
export function checkReason(reason: unknown): string {
  if (typeof reason !== 'string' || !reason.trim()) throw new BadRequestException('reason is required: say why the data is corrected, for whoever reads the record later');
  const text = reason.trim();
  if (text.length > MAX_REASON_LENGTH) throw new BadRequestException(`reason must be at most ${MAX_REASON_LENGTH} characters (got ${text.length})`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) throw new BadRequestException('reason must not contain control characters (other than tab and newline)');
  return text;
}

function checkCount(count: number, complete: boolean): void {
  if (count > MAX_CORRECTION_ITEMS) {
    throw new PayloadTooLargeException(`a correction carries at most ${MAX_CORRECTION_ITEMS} samples and deletes; split it into several corrections`);
  }
  if (complete && count === 0) throw new BadRequestException('a correction needs at least one item in samples or deletes');
}

function lineItem(l: NdjsonLine): RawCorrectionItem {
  const at = `line ${l.line}`;
  const parsed = parseLine(l.text);
  if (!parsed.ok) return { ordinal: l.line, at, op: 'upsert', item: undefined, problem: { field: 'item', message: `${at} is not valid JSON: ${parsed.error}` } };
  const o = parsed.value;
  const isDelete = typeof o === 'object' && o !== null && !Array.isArray(o) && Object.keys(o).length === 1 && 'delete' in o;
  return isDelete
    ? { ordinal: l.line, at: `${at} (delete)`, op: 'delete', item: (o as { delete: unknown }).delete }
    : { ordinal: l.line, at, op: 'upsert', item: o };
}

function parseLine(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

export interface NdjsonLine {
  /** 1-based, counting blank lines too, as an editor shows it. */
  line: number;
  text: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Lines of a byte stream, a chunk's worth at a time. A line may span chunks; `\r\n` ends one as
 * `\n` does. A line longer than MAX_NDJSON_LINE_BYTES, a body over MAX_NDJSON_BYTES or bytes
 * that are not UTF-8 stop the reading with a 400 or 413 naming the line.
 */
export async function* ndjsonLines(body: AsyncIterable<Buffer | string>, maxLineBytes = MAX_NDJSON_LINE_BYTES, maxBytes = MAX_NDJSON_BYTES): AsyncGenerator<NdjsonLine[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  let total = 0;
  const decode = (bytes: Buffer): string => {
    try {
      const text = utf8.decode(bytes);
      return text.endsWith('\r') ? text.slice(0, -1) : text;
    } catch {
      throw new BadRequestException(`line ${line} is not UTF-8 text`);
    }
  };
  const tooLong = () => new BadRequestException(`line ${line + 1} is longer than ${maxLineBytes} bytes; one sample or delete per line`);
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > maxBytes) throw new PayloadTooLargeException(`an NDJSON correction may be at most ${maxBytes} bytes; split it into several corrections`);
    const out: NdjsonLine[] = [];
    let start = 0;
    for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
      const part = bytes.subarray(start, nl);
      if (pendingBytes + part.length > maxLineBytes) throw tooLong();
      const whole = pendingBytes ? Buffer.concat([...pending, part]) : part;
      [pending, pendingBytes] = [[], 0];
      line++;
      out.push({ line, text: decode(whole) });
      start = nl + 1;
    }
    if (start < bytes.length) {
      const rest = bytes.subarray(start);
      if (pendingBytes + rest.length > maxLineBytes) throw tooLong();
      // Copied, so a small tail does not keep the whole chunk alive.
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    }
    if (out.length) yield out;
  }
  if (pendingBytes) {
    line++;
    yield [{ line, text: decode(Buffer.concat(pending)) }];
  }
}
