import { Command } from 'commander';
import type { Schemas } from '../api-client';
import { Column, printResult } from '../output';
import { boolArg, clientFor, printPage, withPaging } from './common';

const CLIENT_COLUMNS: Column<Schemas['ClientDto']>[] = [['id', (c) => c.id], ['name', (c) => c.name], ['billing ref', (c) => c.billingRef], ['active', (c) => c.active]];

export function clientsCommand(): Command {
  const cmd = new Command('clients').description('clients (tenants)');
  withPaging(cmd.command('list').description('list clients this key may see'))
    .option('--name <part>', 'only names containing this (case-insensitive)')
    .option('--active <bool>', 'only active (true) or inactive (false) clients', boolArg)
    .action(async (opts, self: Command) => {
      await printPage<'listClients'>(self, '/clients', { name: opts.name, active: opts.active, limit: opts.limit, offset: opts.offset }, CLIENT_COLUMNS);
    });
  cmd
    .command('create')
    .description('create a client (admin)')
    .argument('<name>', 'client name')
    .option('--billing-ref <ref>', "the provider's own customer reference")
    .option('--inactive', 'create it deactivated')
    .action(async (name: string, opts, self: Command) => {
      const created = await clientFor(self).post<'createClient'>('/clients', { name, billingRef: opts.billingRef, ...(opts.inactive ? { active: false } : {}) });
      printResult(self, created, [created], CLIENT_COLUMNS);
    });
  return cmd;
}

export function projectsCommand(): Command {
  const cmd = new Command('projects').description("projects (a client's groups of resources)");
  const columns: Column<Schemas['ProjectDto']>[] = [['id', (p) => p.id], ['client', (p) => p.clientId], ['name', (p) => p.name], ['billing ref', (p) => p.billingRef], ['active', (p) => p.active]];
  withPaging(cmd.command('list').description('list projects'))
    .option('--client <id>', 'only projects of this client')
    .option('--active <bool>', 'only active (true) or inactive (false) projects', boolArg)
    .action(async (opts, self: Command) => {
      await printPage<'listProjects'>(self, '/projects', { clientId: opts.client, active: opts.active, limit: opts.limit, offset: opts.offset }, columns);
    });
  cmd
    .command('create')
    .description('create a project (admin)')
    .argument('<name>', 'project name, unique within the client')
    .requiredOption('--client <id>', 'the client it belongs to')
    .option('--description <text>', 'free text')
    .option('--billing-ref <ref>', "the project's reference in the invoicing system (shown on reports)")
    .action(async (name: string, opts, self: Command) => {
      const created = await clientFor(self).post<'createProject'>('/projects', { clientId: opts.client, name, description: opts.description, billingRef: opts.billingRef });
      printResult(self, created, [created], columns);
    });
  return cmd;
}
