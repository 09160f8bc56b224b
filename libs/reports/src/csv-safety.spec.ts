import { csvSafeText } from './csv-safety';
import { CSV_FORMATTERS, CsvNumber } from './report-csv';

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

  it('keeps numbers as numbers in the CSV, negative ones and exact decimals included; only text is touched', () => {
    expect(CSV_FORMATTERS.object(new CsvNumber('-0.25'))).toBe('-0.25');
    expect(CSV_FORMATTERS.object(new CsvNumber('12345678901234567890.123'))).toBe('12345678901234567890.123');
    expect(CSV_FORMATTERS.string('-5')).toBe(`"'-5"`);
    expect(CSV_FORMATTERS.object({ env: '=x' })).toBe(`"{""env"":""=x""}"`);
  });
});
