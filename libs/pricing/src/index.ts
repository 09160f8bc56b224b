export * from './price-spec';
export * from './price-periods';
export * from './price-line';
