import { Command, Option } from 'commander';
import type { Schemas } from '../api-client';
import { globalsOf } from '../cli-config';
import { Column, info, printResult } from '../output';
import { clientFor, printPage, withPaging } from './common';

type WebhookRow = Schemas['WebhookDto'];
type DeliveryRow = Schemas['DeliveryDto'];

const COLUMNS: Column<WebhookRow>[] = [
  ['id', (w) => w.id], ['url', (w) => w.url], ['events', (w) => w.events.join(',')], ['client', (w) => w.clientId], ['active', (w) => String(w.active)],
  ['failing since', (w) => w.failingSince], ['disabled', (w) => w.disabledReason],
];
const DELIVERY_COLUMNS: Column<DeliveryRow>[] = [
  ['id', (d) => d.id], ['event', (d) => `${d.eventType} #${d.eventId}`], ['status', (d) => d.status], ['attempts', (d) => String(d.attempts)],
  ['code', (d) => (d.lastStatusCode === null ? null : String(d.lastStatusCode))], ['ms', (d) => (d.lastLatencyMs === null ? null : String(d.lastLatencyMs))],
  ['next', (d) => d.nextAttemptAt], ['error', (d) => d.lastError],
];

/** Webhook subscriptions (docs/webhooks.md). The signing secret goes alone to stdout, once, like a key's. */
export function webhooksCommand(): Command {
  const cmd = new Command('webhooks').description('webhook subscriptions: signed deliveries of events (admin, or a client key for its own client)');
  withPaging(cmd.command('list').description('list subscriptions'))
    .option('--client <id>', 'only this client\'s')
    .action(async (opts, self: Command) => {
      await printPage<'listWebhooks'>(self, '/webhooks', { clientId: opts.client, limit: opts.limit, offset: opts.offset }, COLUMNS);
    });
  cmd
    .command('create')
    .description('subscribe a URL to events; prints the signing secret once')
    .argument('<url>', 'https:// (or http://) URL that receives the POSTs')
    .addOption(new Option('--events <patterns>', 'comma-separated event names, prefix.* or * (docs/events.md)').makeOptionMandatory())
    .option('--client <id>', "only this client's events (an admin's subscription without one gets every event)")
    .option('--description <text>', 'what it is for')
    .action(async (url: string, o, self: Command) => {
      const events = String(o.events).split(',').map((s) => s.trim()).filter(Boolean);
      const created = await clientFor(self).post<'createWebhook'>('/webhooks', { url, events, clientId: o.client, description: o.description });
      if (globalsOf(self).json) return printResult(self, created, [created], COLUMNS);
      info(`Created webhook ${created.id} for ${created.events.join(', ')}. Its signing secret is shown once:`);
      process.stdout.write(`${created.secret}\n`);
    });
  withPaging(cmd.command('deliveries').description('the delivery log of a subscription, newest first').argument('<id>', 'webhook id'))
    .addOption(new Option('--status <status>', 'only these').choices(['pending', 'delivered', 'failed']))
    .action(async (id: string, opts, self: Command) => {
      await printPage<'listWebhookDeliveries'>(self, `/webhooks/${encodeURIComponent(id)}/deliveries`, { status: opts.status, limit: opts.limit, offset: opts.offset }, DELIVERY_COLUMNS);
    });
  cmd
    .command('redeliver')
    .description('send a delivery again now, with its own webhook-id')
    .argument('<id>', 'webhook id')
    .argument('<deliveryId>', 'delivery id (from `tally webhooks deliveries`)')
    .action(async (id: string, deliveryId: string, _o, self: Command) => {
      const d = await clientFor(self).post<'redeliverWebhookDelivery'>(`/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {});
      printResult(self, d, [d], DELIVERY_COLUMNS);
    });
  return cmd;
}
