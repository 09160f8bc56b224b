import { SetMetadata } from '@nestjs/common';

export const RATE_CLASS_KEY = 'tally:rate-class';

/** Limits beyond the per-key one that a route may count against. */
export type RateClass = 'ingestion';

/**
 * Counts the route against its key's ingestion limit (TALLY_RATE_LIMIT_INGEST_*) as well as
 * the per-key one: for routes that write many rows per request, such as sample pushes.
 */
export const IngestionRateLimit = () => SetMetadata(RATE_CLASS_KEY, 'ingestion' satisfies RateClass);
