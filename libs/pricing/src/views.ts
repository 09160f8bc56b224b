import type { RateCardEntity } from '@tally/database';
import { minorUnits } from '@tally/money';
import type { AssignmentView } from './rate-card-assignments.service';
import type { PriceView } from './rate-cards.service';

/** Pricing objects as the API returns them and as their events carry them: one shape for both. */
export function rateCardView(c: RateCardEntity) {
  return {
    id: c.id, name: c.name, currency: c.currency, minorUnits: minorUnits(c.currency)!, description: c.description,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

export function priceView({ price: p, measurement, currency }: PriceView) {
  return {
    id: p.id, rateCardId: p.rateCardId, clientId: p.clientId, measurement, currency, priceUnit: p.priceUnit,
    unitPrice: p.unitPrice, tiers: p.tiers, effectiveFrom: p.effectiveFrom.toISOString(), effectiveTo: p.effectiveTo?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
  };
}

export function assignmentView(a: AssignmentView) {
  return {
    clientId: a.clientId, rateCard: rateCardView(a.card), overrides: a.overrides.map(priceView),
    assignedAt: a.assignedAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
  };
}
