import { globalsOf } from './cli-config';
import type { Command } from 'commander';

export type Column<T> = [header: string, value: (row: T) => unknown];

/** Humans get an aligned table on stdout; --json gets the API's own JSON. */
export function printResult<T>(cmd: Command, data: unknown, rows: T[], columns: Column<T>[]): void {
  if (globalsOf(cmd).json) {
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  process.stdout.write(table(rows, columns));
}

export function table<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((r) => columns.map(([, value]) => cell(value(r))));
  const widths = columns.map(([h], i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => `${values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd()}\n`;
  return line(columns.map(([h]) => h.toUpperCase())) + cells.map(line).join('');
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '-';
  // One row per line, whatever a name contains.
  return String(v).replace(/[\r\n\t]+/g, ' ');
}

/** Diagnostics and progress go to stderr so stdout stays clean for pipes. */
export function info(message: string): void {
  process.stderr.write(`${message}\n`);
}
