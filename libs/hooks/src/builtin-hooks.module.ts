import { Module } from '@nestjs/common';
import { EventsModule } from '@tally/events';
import { BillingRefPolicy } from '@tally/tenancy';

/**
 * Every built-in hook, so the API and the worker know the same set: TALLY_HOOKS turns modules
 * on, and both processes refuse to boot when it names one neither knows. Before-hooks act
 * only in the API, after-hooks only in the worker's relay.
 */
@Module({ imports: [EventsModule], providers: [BillingRefPolicy] })
export class BuiltinHooksModule {}
