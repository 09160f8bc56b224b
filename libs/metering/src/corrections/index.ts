export * from './correction-input';
export type { CorrectionItemError } from './correction-staging';
export { correctionView } from './corrections.repository';
export type { CorrectedSeries, CorrectionActor, CorrectionChange, CorrectionQuery, CorrectionView } from './corrections.repository';
export * from './corrections.service';
