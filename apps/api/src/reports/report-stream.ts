import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Reads the first item before anything is sent. A failure while opening the report (the query,
 * the cursor) then still reaches the error filter as a proper JSON error with a status code;
 * after the first byte all a failure can do is cut the response short.
 */
export async function primed<T>(source: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    // yield* forwards return()/throw() to the source, so a consumer that stops early closes it.
    yield* { [Symbol.asyncIterator]: () => it };
  })();
}

export type StreamOutcome = 'complete' | 'client-gone' | 'failed';

/**
 * Pipes generated content into the response with backpressure. When the caller disconnects,
 * pipeline destroys the source, which calls return() on the generators down to the report
 * service, whose finally closes the database cursor and releases the connection.
 */
export async function streamTo(res: Response, source: AsyncIterable<unknown>, transform?: NodeJS.ReadWriteStream): Promise<{ outcome: StreamOutcome; error?: unknown }> {
  try {
    if (transform) await pipeline(Readable.from(source), transform, res);
    else await pipeline(Readable.from(source), res);
    return { outcome: 'complete' };
  } catch (error) {
    if (res.destroyed && (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') return { outcome: 'client-gone' };
    // Headers are gone already: cut the connection so the client sees an incomplete transfer, never a short file that looks whole.
    res.destroy();
    return { outcome: 'failed', error };
  }
}
