import { MetricsModule } from '@tally/metrics';
import { Module } from '@nestjs/common';
import { DatabaseModule } from '@tally/database';
import { EventsModule } from '@tally/events';
import { WebhookDeliveryHook } from './webhook-delivery.hook';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhooksService } from './webhooks.service';

/** Subscriptions and their delivery log, for the API. */
@Module({ imports: [DatabaseModule, EventsModule], providers: [WebhooksService], exports: [WebhooksService] })
export class WebhooksModule {}

/** The worker's part: sends queued deliveries (when TALLY_HOOKS turns `webhooks` on). */
@Module({ imports: [DatabaseModule, EventsModule, MetricsModule], providers: [WebhookDispatcher] })
export class WebhookDispatchModule {}


