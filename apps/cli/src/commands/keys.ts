import { Command, Option } from 'commander';
import type { Schemas } from '../api-client';
import { globalsOf } from '../cli-config';
import { Column, info, printResult } from '../output';
import { clientFor, intArg, printPage, withPaging } from './common';

type KeyRow = Schemas['ApiKeyDto'];
type CreatedKeyRow = Schemas['CreatedApiKeyDto'];

const COLUMNS: Column<KeyRow>[] = [
  ['id', (k) => k.id], ['name', (k) => k.name], ['role', (k) => k.role], ['client', (k) => k.clientId], ['prefix', (k) => k.prefix],
  ['expires', (k) => k.expiresAt], ['last used', (k) => k.lastUsedAt], ['from', (k) => k.lastUsedFrom], ['revoked', (k) => k.revokedAt],
];

/**
 * A new secret is the one thing a human must copy: without --json it goes alone to stdout
 * (`KEY=$(tally keys create …)`), and what it is to stderr.
 */
function printSecret(cmd: Command, created: CreatedKeyRow, note: string): void {
  if (globalsOf(cmd).json) {
    printResult(cmd, created, [created], COLUMNS);
    return;
  }
  info(note);
  process.stdout.write(`${created.key}\n`);
}

export function keysCommand(): Command {
  const cmd = new Command('keys').description('API keys (admin): shown once when made, stored only as hashes');
  withPaging(cmd.command('list').description('list API keys, with their expiry and last use'))
    .option('--client <id>', 'only keys of this client')
    .option('--include-revoked', 'list revoked keys too')
    .action(async (opts, self: Command) => {
      await printPage<'listApiKeys'>(self, '/api-keys', { clientId: opts.client, includeRevoked: opts.includeRevoked, limit: opts.limit, offset: opts.offset }, COLUMNS);
    });
  cmd
    .command('create')
    .description('create a key; prints it once')
    .argument('<name>', 'what the key is for, e.g. "invoicing export"')
    .addOption(new Option('--role <role>', 'what it may do').choices(['admin', 'billing', 'client']).makeOptionMandatory())
    .option('--client <id>', 'the client a client key is confined to')
    .option('--scope <scope>', 'an extra right of a client key, e.g. samples:write (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--expires <timestamp>', 'when it stops working, ISO 8601 with an offset (default: never)')
    .action(async (name: string, o, self: Command) => {
      const body = { name, role: o.role, clientId: o.client, scopes: o.scope, expiresAt: o.expires };
      const created = await clientFor(self).post<'createApiKey'>('/api-keys', body);
      printSecret(self, created, `Created ${created.role} key ${created.id} (${created.prefix}…)${created.expiresAt ? `, expiring ${created.expiresAt}` : ''}. It is shown once:`);
    });
  cmd
    .command('rotate')
    .description('issue a new secret; the old one keeps working for the overlap')
    .argument('<id>', 'key id')
    .addOption(new Option('--overlap <seconds>', 'how long the old secret keeps working (0-604800; server default 86400)').argParser(intArg(0, 604_800)))
    .action(async (id: string, o, self: Command) => {
      const rotated = await clientFor(self).post<'rotateApiKey'>(`/api-keys/${encodeURIComponent(id)}/rotate`, o.overlap === undefined ? {} : { overlapSeconds: o.overlap });
      printSecret(self, rotated, `Rotated key ${rotated.id}: the old secret works until ${rotated.previousKeyExpiresAt}. The new one (${rotated.prefix}…) is shown once:`);
    });
  cmd
    .command('revoke')
    .description('revoke a key for good (the record stays)')
    .argument('<id>', 'key id')
    .action(async (id: string, _o, self: Command) => {
      const revoked = await clientFor(self).json<KeyRow>('DELETE', `/api-keys/${encodeURIComponent(id)}`);
      printResult(self, revoked, [revoked], COLUMNS);
    });
  return cmd;
}
