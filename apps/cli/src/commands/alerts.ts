import { Command, Option } from 'commander';
import type { Schemas } from '../api-client';
import { Column, info, printResult } from '../output';
import { clientFor, intArg, printPage, withPaging } from './common';

type Alert = Schemas['AlertDto'];
type Window = Schemas['MaintenanceWindowDto'];

const ALERT_COLUMNS: Column<Alert>[] = [
  ['id', (a) => a.id], ['status', (a) => a.status], ['severity', (a) => a.severity], ['rule', (a) => a.ruleName], ['subject', (a) => a.subjectName ?? a.subjectId],
  ['value', (a) => a.value], ['opened', (a) => a.openedAt], ['acknowledged', (a) => a.acknowledgedBy], ['suppressed', (a) => a.suppressed],
];
const WINDOW_COLUMNS: Column<Window>[] = [
  ['id', (w) => w.id], ['name', (w) => w.name], ['scope', (w) => (w.scopeId ? `${w.scopeType} ${w.scopeId}` : w.scopeType)], ['starts', (w) => w.startsAt],
  ['ends', (w) => w.endsAt], ['recurrence', (w) => (w.recurrence === 'none' ? null : `${w.recurrence} ${w.weekdays.join(',')} ${w.startTime} ${w.durationMinutes}min ${w.timeZone}`)],
];

export function alertsCommand(): Command {
  const cmd = new Command('alerts').description('alert incidents (docs/alerts.md)');
  withPaging(cmd.command('list').description('list incidents, newest first (a client key sees its own)'))
    .addOption(new Option('--status <status>', 'only open or recovered ones').choices(['open', 'recovered']))
    .option('--rule <id>', 'only incidents of this rule')
    .action(async (o, self: Command) => {
      await printPage<'listAlerts'>(self, '/alerts', { status: o.status, ruleId: o.rule, limit: o.limit, offset: o.offset }, ALERT_COLUMNS);
    });
  cmd.command('show').description('show one incident').argument('<id>', 'incident number')
    .action(async (id: string, _o, self: Command) => {
      const alert = await clientFor(self).get<'getAlert'>(`/alerts/${encodeURIComponent(id)}`);
      printResult(self, alert, [alert], ALERT_COLUMNS);
    });
  cmd.command('ack').description('acknowledge an incident (admin): re-notification stops until it changes state').argument('<id>', 'incident number')
    .action(async (id: string, _o, self: Command) => {
      const alert = await clientFor(self).json<Alert>('POST', `/alerts/${encodeURIComponent(id)}/acknowledge`, {});
      printResult(self, alert, [alert], ALERT_COLUMNS);
    });
  return cmd;
}

export function maintenanceCommand(): Command {
  const cmd = new Command('maintenance').description('maintenance windows: hold alert notifications, never evaluation (admin)');
  withPaging(cmd.command('list').description('list maintenance windows'))
    .action(async (o, self: Command) => {
      await printPage<'listMaintenanceWindows'>(self, '/maintenance-windows', { limit: o.limit, offset: o.offset }, WINDOW_COLUMNS);
    });
  cmd.command('start').description('open a one-off window now').argument('<name>', 'what the maintenance is')
    .addOption(new Option('--scope <type>', 'what it covers').choices(['all', 'client', 'project', 'resource']).default('all'))
    .option('--id <id>', 'the client, project or resource (not for --scope all)')
    .addOption(new Option('--minutes <n>', 'how long').argParser(intArg(1, 10_080)).default(60))
    .action(async (name: string, o, self: Command) => {
      const now = Date.now();
      const window = await clientFor(self).post<'createMaintenanceWindow'>('/maintenance-windows', {
        name, scopeType: o.scope, ...(o.id ? { scopeId: o.id } : {}), startsAt: new Date(now).toISOString(), endsAt: new Date(now + o.minutes * 60_000).toISOString(),
      });
      printResult(self, window, [window], WINDOW_COLUMNS);
    });
  cmd.command('delete').description('delete a window').argument('<id>', 'window id')
    .action(async (id: string, _o, self: Command) => {
      await clientFor(self).request('DELETE', `/maintenance-windows/${encodeURIComponent(id)}`);
      info(`deleted maintenance window ${id}`);
    });
  return cmd;
}
