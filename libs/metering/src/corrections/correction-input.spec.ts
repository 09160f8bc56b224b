import fc from 'fast-check';
import { checkReason, correctionFromJson, correctionFromNdjson, MAX_CORRECTION_ITEMS, ndjsonLines, RawCorrectionItem } from './correction-input';

const R = '3f2b1c9e-8d7a-4b6c-9e5f-1a2b3c4d5e6f';
const sample = { resourceId: R, measurement: 'disk.used', ts: '2026-10-01T00:00:00Z', value: 5 };
const del = { resourceId: R, measurement: 'disk.used', ts: '2026-10-01T00:30:00Z' };

async function all(batches: AsyncIterable<RawCorrectionItem[]>): Promise<RawCorrectionItem[]> {
  const out: RawCorrectionItem[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}
async function* chunks(...parts: (string | Buffer)[]) {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p) : p;
}
const lines = async (...parts: (string | Buffer)[]) => {
  const out = [];
  for await (const batch of ndjsonLines(chunks(...parts), 64, 1024)) out.push(...batch);
  return out;
};

describe('ndjsonLines', () => {
  it('reads lines across chunks, with CRLF, blank lines and a last line without a newline', async () => {
    expect(await lines('a\r\n{"x"', ':1}\n\n', 'é', '€\nlast')).toEqual([
      { line: 1, text: 'a' }, { line: 2, text: '{"x":1}' }, { line: 3, text: '' }, { line: 4, text: 'é€' }, { line: 5, text: 'last' },
    ]);
  });

  it('splits a multi-byte character across chunks without harm', async () => {
    const euro = Buffer.from('€\n');
    expect(await lines(euro.subarray(0, 1), euro.subarray(1, 2), euro.subarray(2))).toEqual([{ line: 1, text: '€' }]);
  });

  it.each([
    [['x'.repeat(65), '\n'], /^line 1 is longer than 64 bytes/],
    [['ok\n', 'x'.repeat(40), 'x'.repeat(40)], /^line 2 is longer than 64 bytes/],
    [['ok\n', Buffer.from([0xff, 0x0a])], /^line 2 is not UTF-8 text/],
    [['x\n'.repeat(600)], /at most 1024 bytes/],
  ])('refuses %#', async (parts, message) => {
    await expect(lines(...(parts as string[]))).rejects.toThrow(message);
  });

  it('gives the same lines however the bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, '')), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }), async (texts, cuts) => {
        const bytes = Buffer.from(texts.map((t) => `${t}\n`).join(''));
        const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const parts = [0, ...at].map((from, i, xs) => bytes.subarray(from, xs[i + 1] ?? bytes.length));
        const got = [];
        for await (const batch of ndjsonLines(chunks(...parts), 1024, 1 << 20)) got.push(...batch);
        expect(got).toEqual(texts.map((text, i) => ({ line: i + 1, text })));
      }),
      { numRuns: 300 },
    );
  });
});

describe('correctionFromNdjson', () => {
  it('reads the reason from the first line, then samples and deletes, named by line', async () => {
    const body = `\n${JSON.stringify({ reason: 'October re-import' })}\n${JSON.stringify(sample)}\n\n${JSON.stringify({ delete: del })}\nnot json\n`;
    const input = await correctionFromNdjson(chunks(body));
    expect(input.reason).toBe('October re-import');
    const items = await all(input.batches);
    expect(items.map(({ ordinal, at, op }) => ({ ordinal, at, op }))).toEqual([
      { ordinal: 3, at: 'line 3', op: 'upsert' }, { ordinal: 5, at: 'line 5 (delete)', op: 'delete' }, { ordinal: 6, at: 'line 6', op: 'upsert' },
    ]);
    expect(items[1].item).toEqual(del);
    expect(items[2].problem).toEqual({ field: 'item', message: expect.stringMatching(/^line 6 is not valid JSON: /) });
  });

  it.each([
    ['', /^line 1 must be \{"reason": "…"\}; the body is empty/],
    [`${JSON.stringify(sample)}\n`, /^line 1 must be \{"reason"/],
    [`{"reason":"x","samples":[]}\n`, /samples is not allowed there/],
    ['[1]\n', /^line 1 must be/],
  ])('refuses a first line %j', async (body, message) => {
    await expect(correctionFromNdjson(chunks(body))).rejects.toThrow(message);
  });

  it('refuses a body with a reason and nothing else', async () => {
    const input = await correctionFromNdjson(chunks('{"reason":"x"}\n\n'));
    await expect(all(input.batches)).rejects.toThrow(/at least one item/);
  });
});

describe('correctionFromJson', () => {
  it('names samples then deletes in request order', async () => {
    const input = correctionFromJson({ reason: 'r', samples: [sample, sample], deletes: [del] });
    expect((await all(input.batches)).map(({ ordinal, at, op }) => [ordinal, at, op])).toEqual([
      [0, 'samples[0]', 'upsert'], [1, 'samples[1]', 'upsert'], [2, 'deletes[0]', 'delete'],
    ]);
  });

  it.each([
    [[], /^The body must be a JSON object/],
    [{ reason: 'r' }, /at least one item/],
    [{ reason: 'r', samples: {} }, /^samples must be an array/],
    [{ reason: 'r', deletes: 'x' }, /^deletes must be an array/],
    [{ reason: 'r', samples: [sample], upserts: [] }, /^upserts is not allowed/],
  ])('refuses %j', (body, message) => {
    expect(() => correctionFromJson(body)).toThrow(message);
  });

  it('refuses more than a million items at once', () => {
    expect(() => correctionFromJson({ reason: 'r', deletes: new Array(MAX_CORRECTION_ITEMS + 1).fill(del) })).toThrow(/at most 1000000/);
  });
});

describe('checkReason', () => {
  it.each([
    ['none', undefined, /^reason is required/],
    ['blanks', '   ', /^reason is required/],
    ['2001 characters', 'x'.repeat(2001), /at most 2000 characters/],
    ['a NUL byte', 'bad\u0000byte', /control characters/],
  ])('refuses a reason of %s', (_, reason, message) => expect(() => checkReason(reason)).toThrow(message));

  it('keeps a trimmed reason with newlines', () => expect(checkReason('  Fix\nOctober\t(ticket 42) ')).toBe('Fix\nOctober\t(ticket 42)'));
});
