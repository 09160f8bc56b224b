import { DeviceValue, Unavailable } from '../../reading';
import { PollParseError } from '../poll-parse.error';
import { SshMeasurementKey } from '../ssh-measurements';

/** A tracked file as the host reported it; `sha256` is null when it was not hashed (see the reasons). */
export interface TrackedFile {
  path: string;
  size: number;
  mtime: number;
  sha256: string | null;
}

export interface KernelModules {
  /** Sorted, unique. */
  names: string[];
  /** SHA-256 of the names joined by "\n": a change of the set changes it. */
  digest: string;
}

/**
 * Where a section parser puts what it read. Parsers write into a fresh one that is kept only
 * if the whole section parsed, so a section that breaks halfway leaves nothing behind.
 */
export class Out {
  readonly host = new Map<SshMeasurementKey, number>();
  readonly devices: DeviceValue[] = [];
  readonly unavailable: Unavailable[] = [];
  bootId: string | null = null;
  modules: KernelModules | null = null;
  readonly files: TrackedFile[] = [];

  value(key: SshMeasurementKey, value: number): void {
    if (Number.isFinite(value)) this.host.set(key, value);
    else this.missing(key, `not a finite number: ${value}`);
  }

  device(key: SshMeasurementKey, device: string, value: number): void {
    if (Number.isFinite(value)) this.devices.push({ measurement: key, device: deviceName(device), value });
    else this.missing(key, `not a finite number: ${value}`, device);
  }

  missing(key: string, reason: string, device?: string): void {
    this.unavailable.push(device === undefined ? { key, reason } : { key, device: deviceName(device), reason });
  }
}

/** Device names come from host output: printable, bounded. */
export function deviceName(text: string): string {
  const flat = text.replace(/[\x00-\x1f\x7f]/g, '?');
  return flat.length > 200 ? flat.slice(0, 200) : flat;
}

export function single(section: string, lines: string[]): string {
  if (lines.length !== 1) throw new PollParseError(section, `expected 1 line, got ${lines.length}`);
  return lines[0];
}

/** A non-negative integer that a double holds exactly. */
export function uint(section: string, text: string | undefined, what: string): number {
  if (text === undefined || !/^\d+$/.test(text)) throw new PollParseError(section, `${what} is not a number: "${clip(text ?? '')}"`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new PollParseError(section, `${what} is too large: ${clip(text)}`);
  return n;
}

/** A plain decimal (`0.41`, `-12`, `30.50`): no exponents, no Infinity, no hex. */
export function decimal(section: string, text: string | undefined, what: string): number {
  if (text === undefined || !/^-?\d{1,15}(\.\d{1,15})?$/.test(text)) throw new PollParseError(section, `${what} is not a number: "${clip(text ?? '')}"`);
  return Number(text);
}

export function isUint(text: string | undefined): text is string {
  return text !== undefined && /^\d{1,15}$/.test(text);
}

/** Sums that stay exact, or an error naming what overflowed. */
export function safeSum(section: string, what: string, a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new PollParseError(section, `${what} is too large`);
  return s;
}

/** Keeps quoted host output short and printable in error messages. */
export function clip(text: string, max = 60): string {
  const flat = text.replace(/[^\x20-\x7e]/g, '?');
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}
