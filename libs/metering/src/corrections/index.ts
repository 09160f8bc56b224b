export * from './correction-input';
export type { CorrectionItemError } from './correction-staging';
export type { CorrectionActor, CorrectionChange, CorrectionQuery } from './corrections.repository';
export * from './corrections.service';
