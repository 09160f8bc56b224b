import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { BeforeHook, Hook, PendingEvent } from '@tally/events';

/**
 * A configurable policy (module policy-billing-ref): every active client must carry a billing
 * reference matching TALLY_POLICY_BILLING_REF_PATTERN, since invoicing joins on it. A client
 * without one is refused when it is created, changed or reactivated; deactivating is allowed.
 */
@Hook({
  name: 'require-billing-ref',
  module: 'policy-billing-ref',
  phase: 'before',
  events: ['client.created', 'client.updated', 'client.reactivated'],
  description: 'Active clients must have a billing reference matching TALLY_POLICY_BILLING_REF_PATTERN',
})
@Injectable()
export class BillingRefPolicy implements BeforeHook {
  private readonly pattern: RegExp;

  constructor(@InjectConfig() config: AppConfig) {
    this.pattern = config.events.billingRefPattern;
  }

  check(event: PendingEvent): string | undefined {
    const client = event.data.client as { billingRef?: string | null; active?: boolean } | undefined;
    if (!client || client.active === false) return undefined;
    if (!client.billingRef) return 'billingRef: every active client needs a billing reference (policy-billing-ref)';
    if (!this.pattern.test(client.billingRef)) return `billingRef: "${client.billingRef}" does not match the required pattern ${this.pattern.source}`;
    return undefined;
  }
}
