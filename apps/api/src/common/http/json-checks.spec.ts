import fc from 'fast-check';
import { findUnacceptableText, nestsDeeperThan } from './json-checks';

/** The real depth of a parsed value, for checking the text scan against. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (typeof value === 'object' && value !== null) return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('nestsDeeperThan', () => {
  it('agrees with the depth of the parsed value for any JSON, brackets in strings included', () => {
    const text = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a') });
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), text, fc.array(tie('value')), fc.dictionary(text, tie('value'))),
    })).value;
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 8 }), (value, limit) => {
        expect(nestsDeeperThan(JSON.stringify(value), limit)).toBe(depthOf(value) > limit);
      }),
    );
  });

  it('stops at the first level too deep, however long the text', () => {
    const text = '['.repeat(5_000_000);
    const started = performance.now();
    expect(nestsDeeperThan(text, 32)).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('findUnacceptableText', () => {
  it('names the path of a NUL anywhere in a value', () => {
    const key = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(key, fc.nat(20)), { minLength: 1, maxLength: 6 }), (path) => {
        let value: unknown = 'x\u0000y';
        for (const step of [...path].reverse()) value = typeof step === 'number' ? [...Array(step).fill(0), value] : { [step]: value };
        const expected = path.reduce<string>((p, s) => (typeof s === 'number' ? `${p}[${s}]` : p ? `${p}.${s}` : s), '');
        expect(findUnacceptableText(value)).toBe(`${expected || 'the body'} must not contain NUL (\\u0000) characters`);
      }),
    );
  });

  it.each([
    [{ a: '\ud83d\ude00 fine' }, undefined],
    [{ a: ['ok', 'lone \udc00'] }, 'a[1] must be valid Unicode (it has a lone surrogate \\ud800-\\udfff)'],
    [{ 'we ird': { 'k\u0000': 1 } }, 'a key in ["we ird"] must not contain NUL (\\u0000) characters'],
    [JSON.parse('{"a":{"__proto__":{"x":1}}}'), 'a.__proto__ is not allowed as a key'],
    [{ tab: 'a\tb\nc', ctl: '\u0007' }, undefined],
  ])('%j → %s', (value, problem) => {
    expect(findUnacceptableText(value)).toBe(problem);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let value: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(findUnacceptableText(value)).toMatch(/must not contain NUL/);
  });
});
