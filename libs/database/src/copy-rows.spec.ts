import { copyLines, copyValue } from './copy-rows';

describe('COPY text format', () => {
  it('escapes what would split a row or a field, and writes NULL as \\N', () => {
    expect(copyValue('ssh: timed out\tafter 10 s\r\nC:\\boot')).toBe('ssh: timed out\\tafter 10 s\\r\\nC:\\\\boot');
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('\\N')).toBe('\\\\N'); // the text "\N" stays text, not NULL
    expect(copyValue(true)).toBe('t');
    expect(copyValue(new Date('2026-11-23T10:30:00Z'))).toBe('2026-11-23T10:30:00.000Z');
  });

  it('writes numbers exactly as JavaScript holds them, and refuses non-finite ones', () => {
    expect(copyValue(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(copyValue(-1.5e-7)).toBe('-1.5e-7');
    expect(copyValue(2 ** 53 + 2)).toBe('9007199254740994');
    expect(() => copyValue(Number.NaN)).toThrow(/not a finite number/);
    expect(() => copyValue(Number.POSITIVE_INFINITY)).toThrow(/not a finite number/);
  });

  it('ends every row with a newline and separates fields with tabs', () => {
    expect(copyLines([['a', 1, null], ['b\tc', 2.5, false]])).toBe('a\t1\t\\N\nb\\tc\t2.5\tf\n');
  });
});
