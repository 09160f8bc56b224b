import fc from 'fast-check';
import { pathProblem, queryProblem } from './request-line';

describe('request line checks', () => {
  it('accepts any path and query made of properly encoded printable text', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1 }), fc.stringMatching(/^[/%&=+é€😀]+$/u)).filter((s) => !/[\u0000-\u001f\u007f]/.test(s));
    fc.assert(
      fc.property(fc.uniqueArray(text, { minLength: 1, maxLength: 5 }), fc.array(text, { minLength: 5, maxLength: 5 }), (names, values) => {
        expect(pathProblem(`/api/v1/${encodeURIComponent(names[0])}`)).toBeUndefined();
        const query = names.map((n, i) => `${encodeURIComponent(n)}=${encodeURIComponent(values[i])}`).join('&');
        expect(queryProblem(query)).toBeUndefined();
      }),
    );
  });

  it('refuses every C0 control character and DEL, encoded or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x20 }).map((c) => (c === 0x20 ? 0x7f : c)), (code) => {
        const encoded = `%${code.toString(16).padStart(2, '0')}`;
        expect(pathProblem(`/api/v1/measurements/a${encoded}`)).toMatch(/control characters/);
        expect(queryProblem(`name=a${encoded}`)).toMatch(/^query parameter "name" must not contain control characters/);
        expect(queryProblem(`na${encoded}me=1`)).toMatch(/control characters/);
      }),
    );
  });

  it.each(['%', '%E0%A4%A', '%ZZ', '%C3', '%ED%A0%80'])('refuses malformed percent-encoding %s', (bad) => {
    expect(pathProblem(`/api/v1/x${bad}`)).toMatch(/malformed percent-encoding/);
    expect(queryProblem(`tz=${bad}`)).toMatch(/^query parameter "tz" has malformed percent-encoding/);
  });

  it('names a repeated parameter, however it is spelled', () => {
    expect(queryProblem('limit=1&offset=0&limit=2')).toBe('limit must be given once (it is repeated in the query string)');
    expect(queryProblem('a+b=1&a%20b=2')).toMatch(/^a b must be given once/);
    expect(queryProblem('flag&flag')).toMatch(/^flag must be given once/);
    expect(queryProblem('a=1&&b=2&')).toBeUndefined();
  });
});
