import { BadRequestException } from '@nestjs/common';

/**
 * ISO 8601 date-time with a required offset: "2026-11-23T10:00:00Z", "…T10:00:00.123+01:00".
 * A bare local time is refused because the instant it names depends on the sender's clock.
 */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|([+-])(\d{2}):?(\d{2}))$/;

/** Why a timestamp was refused; the caller prefixes the field name. */
export const TIMESTAMP_FORMAT_HINT = 'an ISO 8601 timestamp with an offset or Z, e.g. 2026-11-23T10:00:00Z';

/**
 * Milliseconds since the epoch, or undefined when the text is not a real instant.
 * Date.parse alone would accept "2026-02-30" (rolling it into March) and strings without an
 * offset; both are refused here. Digits past milliseconds are dropped (samples keep ms).
 */
export function parseIsoInstant(text: string): number | undefined {
  const m = ISO_INSTANT.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offsetMinutes = 0;
  if (m[9]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  // setUTCFullYear, because Date.UTC maps years 0-99 to 1900-1999.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return utc.getTime() - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/**
 * An instant from a query parameter, or undefined when absent; a 400 naming the parameter when
 * unreadable. An unencoded "+01:00" in a query string arrives as " 01:00"; the intent is unambiguous.
 */
export function queryInstant(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseIsoInstant(text.replace(/ (\d{2}:?\d{2})$/, '+$1'));
  if (ms === undefined) throw new BadRequestException(`${name} must be ${TIMESTAMP_FORMAT_HINT}`);
  return ms;
}
