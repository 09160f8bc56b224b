import { Module } from '@nestjs/common';
import { EventsModule } from '@tally/events';
import { EmailHook, MailModule } from '@tally/mail';
import { BillingRefPolicy, TenancyModule } from '@tally/tenancy';
import { WebhookDeliveryHook } from '@tally/webhooks';

/**
 * Every built-in hook, so the API and the worker know the same set: TALLY_HOOKS turns modules
 * on, and both processes refuse to boot when it names one neither knows. Before-hooks act
 * only in the API, after-hooks only in the worker's relay.
 */
@Module({ imports: [EventsModule, TenancyModule, MailModule], providers: [BillingRefPolicy, WebhookDeliveryHook, EmailHook] })
export class BuiltinHooksModule {}
