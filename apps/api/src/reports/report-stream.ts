import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Reads the first item before anything is sent. A failure while opening the report (the query,
 * the cursor) then still reaches the error filter as a proper JSON error with a status code;
 * after the first byte all a failure can do is cut the response short.
 *
 * A hand-written iterator rather than a generator: return() must reach the source even when
 * nobody ever called next() (a generator that never started ignores return() and would leave
 * the source's cursor open).
 */
export async function primed<T>(source: AsyncIterable<T>): Promise<AsyncIterableIterator<T>> {
  const it = source[Symbol.asyncIterator]();
  let first: IteratorResult<T> | null = await it.next();
  const self: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => self,
    next: () => {
      const r = first;
      first = null;
      return r ? Promise.resolve(r) : it.next();
    },
    return: async (value?: unknown) => {
      first = null;
      await it.return?.(value);
      return { done: true, value: value as T };
    },
  };
  return self;
}

export type StreamOutcome = 'complete' | 'client-gone' | 'failed';

/**
 * Pipes generated content into the response with backpressure. When the caller disconnects,
 * pipeline destroys the source, which returns the generators; `lines` is returned once more
 * at the end in case the writer never started (then nothing else would reach it), so the
 * report service's finally always closes the cursor and releases its connection.
 */
export async function streamTo(
  res: Writable,
  lines: AsyncIterator<unknown>,
  source: AsyncIterable<unknown>,
  transform?: NodeJS.ReadWriteStream,
): Promise<{ outcome: StreamOutcome; error?: unknown }> {
  try {
    if (transform) await pipeline(Readable.from(source), transform, res);
    else await pipeline(Readable.from(source), res);
    return { outcome: 'complete' };
  } catch (error) {
    if (res.destroyed && (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') return { outcome: 'client-gone' };
    // Headers are gone already: cut the connection so the client sees an incomplete transfer, never a short file that looks whole.
    res.destroy();
    return { outcome: 'failed', error };
  } finally {
    await lines.return?.();
  }
}
