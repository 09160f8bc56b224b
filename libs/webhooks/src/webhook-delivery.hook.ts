import { Injectable } from '@nestjs/common';
import { AfterHook, eventMatches, Hook, StoredEvent } from '@tally/events';
import { EntityManager } from 'typeorm';
import { messageId } from './webhook-signature';
import { ACTIVE_SUBSCRIPTIONS, INSERT_DELIVERIES, NOTIFY_DELIVERIES } from './webhooks.sql';

/** Deliveries written per statement. */
const CHUNK = 5_000;

/**
 * Module `webhooks`: turns each event into one delivery per matching subscription, in the
 * relay's batch transaction (so exactly once, whatever replays); the worker's dispatcher
 * sends them, outside it. A client's subscription gets its own client's events only; one
 * without a client (an admin's) gets every event.
 */
@Hook({
  name: 'webhook-deliveries',
  module: 'webhooks',
  phase: 'after',
  events: ['*'],
  description: 'Queues a signed delivery (Standard Webhooks) for every subscription an event matches; docs/webhooks.md',
})
@Injectable()
export class WebhookDeliveryHook implements AfterHook {
  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    const subscriptions: { id: string; client_id: string | null; events: string[] }[] = await manager.query(ACTIVE_SUBSCRIPTIONS);
    if (!subscriptions.length) return;
    const rows: [string, string, string, string, string][] = [];
    for (const event of events) {
      let body: string | undefined;
      for (const s of subscriptions) {
        if (s.client_id !== null && s.client_id !== event.clientId) continue;
        if (!s.events.some((p) => eventMatches(p, event.type))) continue;
        // The Standard Webhooks payload: the event, exactly as GET /api/v1/events shows it, in `data`.
        body ??= JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event });
        rows.push([s.id, event.id, event.type, messageId(event.id, s.id), body]);
      }
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await manager.query(INSERT_DELIVERIES, [0, 1, 2, 3, 4].map((c) => chunk.map((r) => r[c])));
    }
    // Delivered at commit: the dispatchers start at once instead of at their next poll.
    if (rows.length) await manager.query(NOTIFY_DELIVERIES);
  }
}
