export { CollectionState, CollectionStatus, SKIPPED_PREFIX } from './backoff';
export { BackoffStore } from './backoff.store';
