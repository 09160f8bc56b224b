import { Command, InvalidArgumentError, Option } from 'commander';
import { Item, OperationId, query, Query, TallyClient } from '../api-client';
import { connectionOf, globalsOf } from '../cli-config';
import { Column, info, printResult } from '../output';

export function clientFor(cmd: Command): TallyClient {
  return new TallyClient(connectionOf(cmd));
}

export function intArg(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be an integer from ${min} to ${max}`);
    return n;
  };
}

export function boolArg(value: string): boolean {
  if (value === 'true' || value === 'yes') return true;
  if (value === 'false' || value === 'no') return false;
  throw new InvalidArgumentError('must be true or false');
}

/** --limit/--offset for list commands (the API caps a page at 500). */
export function withPaging(cmd: Command): Command {
  return cmd
    .addOption(new Option('--limit <n>', 'items per page (1-500)').argParser(intArg(1, 500)).default(100))
    .addOption(new Option('--offset <n>', 'items to skip').argParser(intArg(0, 1_000_000)).default(0));
}

/** Tells a human when the table is one page of more; scripts read `total` from --json. */
export function notePaging(cmd: Command, shown: number, total: number, offset: number): void {
  if (!globalsOf(cmd).json && shown < total) info(`(${shown} of ${total} shown from offset ${offset}; use --limit/--offset for more)`);
}

/** A list command's whole action: one page of operation `Op` with its filters and paging, as a table or --json. */
export async function printPage<Op extends OperationId>(
  cmd: Command,
  path: string,
  params: Query<Op> & { limit: number; offset: number },
  columns: Column<Item<Op>>[],
): Promise<void> {
  const page = (await clientFor(cmd).get<Op>(`${path}${query(params)}`)) as { items: Item<Op>[]; total: number };
  printResult(cmd, page, page.items, columns);
  notePaging(cmd, page.items.length, page.total, params.offset);
}
