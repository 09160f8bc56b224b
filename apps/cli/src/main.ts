#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { addGlobalOptions } from './cli-config';
import { alertsCommand, maintenanceCommand } from './commands/alerts';
import { collectCommand } from './commands/collect';
import { auditCommand, eventsCommand } from './commands/events';
import { credentialsCommand, resourcesCommand } from './commands/inventory';
import { rateCardsCommand } from './commands/rate-cards';
import { keysCommand } from './commands/keys';
import { reportCommand } from './commands/report';
import { runsCommand } from './commands/runs';
import { capacityCommand } from './commands/capacity';
import { clientsCommand, projectsCommand } from './commands/tenancy';
import { webhooksCommand } from './commands/webhooks';
import { ApiError, EXIT_API, EXIT_OK, EXIT_USAGE, UsageError } from './errors';

export function buildProgram(): Command {
  const program = new Command('tally')
    .description('Command line client of the Tally REST API (usage accounting). Exit codes: 0 ok, 1 API error, 2 bad usage.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    // Commander would exit by itself; we map its errors to our exit codes instead.
    .exitOverride();
  addGlobalOptions(program);
  for (const cmd of [clientsCommand(), projectsCommand(), resourcesCommand(), credentialsCommand(), collectCommand(), runsCommand(), reportCommand(), rateCardsCommand(), keysCommand(), eventsCommand(), auditCommand(), webhooksCommand(), capacityCommand(), alertsCommand(), maintenanceCommand()]) {
    program.addCommand(inherit(cmd));
  }
  return program;
}

/** addCommand() does not copy settings to commands built elsewhere; apply them to the whole tree. */
function inherit(cmd: Command): Command {
  cmd.exitOverride().showHelpAfterError('(run with --help for usage)').configureHelp({ showGlobalOptions: true });
  cmd.commands.forEach(inherit);
  return cmd;
}

export async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE; // commander printed the message already
    if (e instanceof UsageError) {
      process.stderr.write(`tally: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof ApiError) {
      const where = e.status ? ` (HTTP ${e.status}${e.requestId ? `, request id ${e.requestId}` : ''})` : '';
      process.stderr.write(`tally: ${e.message}${where}\n`);
      return EXIT_API;
    }
    process.stderr.write(`tally: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT_API;
  }
}

if (require.main === module) {
  // exitCode, not exit(): lets stdout drain when it is a pipe.
  run(process.argv).then((code) => (process.exitCode = code));
}
