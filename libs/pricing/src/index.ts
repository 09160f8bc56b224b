export * from './price-spec';
export * from './price-periods';
export * from './price-line';
export * from './price-rules';
export * from './rate-cards.service';
export * from './rate-card-assignments.service';
export * from './pricing.module';
export * from './views';
