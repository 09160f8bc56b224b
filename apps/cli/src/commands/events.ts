import { Command, InvalidArgumentError, Option } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import { query, Schemas, TallyClient } from '../api-client';
import { globalsOf } from '../cli-config';
import { Column, info, printResult, table } from '../output';
import { clientFor, intArg, notePaging, withPaging } from './common';

type Event = Schemas['EventDto'];
type EventPage = Schemas['EventPageDto'];

const EVENT_COLUMNS: Column<Event>[] = [
  ['id', (e) => e.id], ['at', (e) => e.occurredAt], ['type', (e) => e.type], ['subject', (e) => `${e.subject.type} ${e.subject.id}`],
  ['client', (e) => e.clientId], ['actor', (e) => e.actor?.keyName ?? null],
];
const AUDIT_COLUMNS: Column<Event>[] = [
  ['at', (e) => e.occurredAt], ['actor', (e) => e.actor?.keyName], ['role', (e) => e.actor?.role], ['from', (e) => e.actor?.address],
  ['request', (e) => e.actor?.requestId], ['type', (e) => e.type], ['id', (e) => e.subject.id], ['changes', (e) => changesOf(e)],
];

/** `field: before → after` per changed field; a secret says only that it changed. */
export function changesOf(e: Event): string | null {
  if (!e.changes) return null;
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return Object.entries(e.changes as Record<string, { before?: unknown; after?: unknown; changed?: boolean }>)
    .map(([field, c]) => ('before' in c ? `${field}: ${show(c.before)} → ${show(c.after)}` : `${field}: changed`))
    .join('; ');
}

/** An instant from the command line, checked here so a typo is a usage error, not a 400. */
function instantArg(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('must be an ISO 8601 date-time, such as 2026-12-01T00:00:00Z');
  }
  return value;
}

export function eventsCommand(): Command {
  const cmd = new Command('events').description('the event stream: every change and notable happening (docs/events.md)');
  withPaging(cmd.command('list').description('list events, newest first; with --after or --follow, in log order from a cursor'))
    .option('--type <pattern>', 'an event name, prefix.* or *')
    .option('--client <id>', "only this client's events")
    .option('--subject-type <type>', 'only events about this kind of object')
    .option('--subject-id <id>', 'only events about this object')
    .addOption(new Option('--since <when>', 'events at or after this instant').argParser(instantArg))
    .addOption(new Option('--until <when>', 'events before this instant').argParser(instantArg))
    .option('--after <cursor>', 'the events after this cursor (a nextCursor, or head for "from now on"), oldest first')
    .option('--follow', 'keep printing events as they are written, until interrupted (starts at --after, default head)')
    .addOption(new Option('--poll <ms>', 'poll interval of --follow').argParser(intArg(100, 60_000)).default(1000).hideHelp())
    .action(async (o, self: Command) => {
      const api = clientFor(self);
      const filters = { type: o.type, clientId: o.client, subjectType: o.subjectType, subjectId: o.subjectId, from: o.since, to: o.until };
      if (o.follow) return follow(self, api, filters, o.after ?? 'head', o.limit, o.poll);
      const page = await api.get<'listEvents'>(`/events${query({ ...filters, after: o.after, limit: o.limit, offset: o.after ? undefined : o.offset })}`) as EventPage;
      printResult(self, page, page.items, EVENT_COLUMNS);
      if (o.after) info(`next cursor: ${page.nextCursor}`);
      else notePaging(self, page.items.length, page.total, o.offset);
    });
  return cmd;
}

export function auditCommand(): Command {
  return withPaging(new Command('audit').description('the audit log (admin, billing): who changed what, when, from where, before and after'))
    .option('--entity <type>', 'the kind of object changed (client, project, resource, credential, api_key, …)')
    .option('--id <id>', 'the id of the object changed')
    .option('--actor <keyId>', 'the API key that made the change')
    .addOption(new Option('--since <when>', 'changes at or after this instant').argParser(instantArg))
    .addOption(new Option('--until <when>', 'changes before this instant').argParser(instantArg))
    .action(async (o, self: Command) => {
      const params = { entity: o.entity, id: o.id, actor: o.actor, from: o.since, to: o.until, limit: o.limit, offset: o.offset };
      const page = await clientFor(self).get<'listAuditEntries'>(`/audit${query(params)}`) as EventPage;
      printResult(self, page, page.items, AUDIT_COLUMNS);
      notePaging(self, page.items.length, page.total, o.offset);
    });
}

/**
 * Follows the stream with the API's cursor, so no event is skipped or shown twice, even one
 * that committed late. One line per event: a table row, or with --json one JSON object per
 * line (NDJSON) for `| jq`. Ends cleanly (exit 0) on SIGINT or SIGTERM.
 */
async function follow(cmd: Command, api: TallyClient, filters: Record<string, string | undefined>, start: string, limit: number, pollMs: number) {
  const json = globalsOf(cmd).json;
  let stopped = false;
  const stop = () => (stopped = true);
  process.once('SIGINT', stop).once('SIGTERM', stop);
  let cursor = start;
  let first = true;
  while (!stopped) {
    const page = await api.get<'listEvents'>(`/events${query({ ...filters, after: cursor, limit })}`) as EventPage;
    cursor = page.nextCursor ?? cursor;
    if (page.items.length && json) process.stdout.write(page.items.map((e) => `${JSON.stringify(e)}\n`).join(''));
    else if (page.items.length) {
      const text = table(page.items, EVENT_COLUMNS);
      // The header once, then rows only: a stream is one long table.
      process.stdout.write(first ? text : text.slice(text.indexOf('\n') + 1));
      first = false;
    }
    if (page.items.length < limit) await sleep(pollMs).catch(() => undefined);
  }
}
