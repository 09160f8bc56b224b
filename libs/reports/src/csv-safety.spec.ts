import { csvSafeCell, csvSafeText } from './csv-safety';

describe('csvSafeText (formula injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['＝1+1', `'＝1+1`],
    ['＋1', `'＋1`],
    ['－1', `'－1`],
    ['＠SUM(A1)', `'＠SUM(A1)`],
  ])('prefixes %j with a quote', (input, expected) => {
    expect(csvSafeText(input)).toBe(expected);
  });

  it.each(['acme', 'web-01', 'a=b', 'vCPU·h', '', ' =not first', '2026-10-01T00:00:00.000Z'])('leaves %j alone', (input) => {
    expect(csvSafeText(input)).toBe(input);
  });

  it('keeps numbers as numbers, negative ones included; only text is touched', () => {
    expect(csvSafeCell(-5)).toBe(-5);
    expect(csvSafeCell(0)).toBe(0);
    expect(csvSafeCell(true)).toBe(true);
    expect(csvSafeCell(null)).toBeNull();
    expect(csvSafeCell('-5')).toBe(`'-5`);
  });
});
