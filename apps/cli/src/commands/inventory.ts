import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import type { Schemas } from '../api-client';
import { UsageError } from '../errors';
import { Column, printResult } from '../output';
import { boolArg, clientFor, intArg, printPage, withPaging } from './common';

const RESOURCE_COLUMNS: Column<Schemas['ResourceDto']>[] = [
  ['id', (r) => r.id],
  ['name', (r) => r.name],
  ['type', (r) => r.type],
  ['project', (r) => r.projectId],
  ['active', (r) => r.active],
  ['target', (r) => (r.type === 'ganeti-vm' ? r.clusterFqdn : r.type === 'node' ? `${r.sshUser}@${r.sshHost}:${r.sshPort}` : 'push')],
];

function label(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq < 1) throw new InvalidArgumentError('must be key=value');
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

export function resourcesCommand(): Command {
  const cmd = new Command('resources').description('resources: Ganeti VMs, SSH nodes and push-only kinds');
  withPaging(cmd.command('list').description('list resources'))
    .option('--client <id>', 'only resources of this client')
    .option('--project <id>', 'only resources of this project')
    .option('--type <type>', 'only this type (ganeti-vm, node, or a push kind)')
    .option('--active <bool>', 'only active (true) or inactive (false) resources', boolArg)
    .action(async (opts, self: Command) => {
      const params = { clientId: opts.client, projectId: opts.project, type: opts.type, active: opts.active, limit: opts.limit, offset: opts.offset };
      await printPage<'listResources'>(self, '/resources', params, RESOURCE_COLUMNS);
    });
  cmd
    .command('create')
    .description('create a resource (admin). ganeti-vm needs --cluster; node needs --ssh-host, --ssh-user, --credential; other types are push-only')
    .argument('<name>', 'resource name (for ganeti-vm: the instance name on the cluster)')
    .requiredOption('--project <id>', 'the project it belongs to')
    .requiredOption('--type <type>', 'ganeti-vm, node, or a lower-case push-only kind')
    .option('--cluster <fqdn>', 'ganeti-vm: the cluster FQDN')
    .option('--ssh-host <host>', 'node: host name or IP address')
    .addOption(new Option('--ssh-port <port>', 'node: SSH port').argParser(intArg(1, 65535)))
    .option('--ssh-user <user>', 'node: user to log in as')
    .option('--credential <id>', 'node: an ssh-private-key credential id')
    .option('--host-key <fingerprint>', 'node: pin the host key (SHA256:...); default: learnt on first contact')
    .option('--measurements <keys>', 'comma-separated measurement keys; default: all the type collects', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .option('--label <key=value>', 'a label (repeatable)', label)
    .action(async (name: string, o, self: Command) => {
      const body = {
        projectId: o.project, name, type: o.type, clusterFqdn: o.cluster, sshHost: o.sshHost, sshPort: o.sshPort, sshUser: o.sshUser,
        credentialId: o.credential, hostKeySha256: o.hostKey, measurements: o.measurements, labels: o.label,
      };
      const created = await clientFor(self).post<'createResource'>('/resources', body);
      printResult(self, created, [created], RESOURCE_COLUMNS);
    });
  return cmd;
}

export function credentialsCommand(): Command {
  const cmd = new Command('credentials').description('credentials (admin): SSH keys and RAPI passwords, stored encrypted, never shown again');
  const columns: Column<Schemas['CredentialDto']>[] = [['id', (c) => c.id], ['name', (c) => c.name], ['kind', (c) => c.kind], ['username', (c) => c.username]];
  withPaging(cmd.command('list').description('list credentials (without secrets)')).action(async (opts, self: Command) => {
    await printPage<'listCredentials'>(self, '/credentials', { limit: opts.limit, offset: opts.offset }, columns);
  });
  cmd
    .command('create')
    .description('store a secret read from a file (not from the command line, where it would leak into shell history)')
    .argument('<name>', 'credential name')
    .addOption(new Option('--kind <kind>', 'what the secret is').choices(['ssh-private-key', 'password']).makeOptionMandatory())
    .requiredOption('--secret-file <path>', 'file holding the private key or password')
    .option('--username <user>', 'RAPI user for a password')
    .action(async (name: string, o, self: Command) => {
      let secret: string;
      try {
        secret = readFileSync(o.secretFile, 'utf8');
      } catch (e) {
        throw new UsageError(`--secret-file: cannot read ${o.secretFile}: ${(e as Error).message}`);
      }
      if (o.kind === 'password') secret = secret.replace(/\r?\n$/, '');
      const created = await clientFor(self).post<'createCredential'>('/credentials', { name, kind: o.kind, username: o.username, secret });
      printResult(self, created, [created], columns);
    });
  return cmd;
}
