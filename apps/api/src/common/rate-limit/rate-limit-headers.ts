import type { RateLimitPolicy } from '@tally/config';
import type { BucketState } from './gcra';

/** A named policy and what its bucket said about this request. */
export interface AppliedPolicy {
  name: string;
  policy: RateLimitPolicy;
  state: BucketState;
}

const seconds = (ms: number) => Math.ceil(ms / 1000);

/**
 * The RateLimit-Policy and RateLimit fields of the IETF draft (draft-ietf-httpapi-ratelimit-headers-10):
 * structured lists, so one response can describe every policy that applied to it (a sample push
 * counts against its key's limit and the ingestion limit). Retry-After when one refused it.
 */
export function rateLimitHeaders(applied: AppliedPolicy[]): Record<string, string> {
  if (!applied.length) return {};
  const headers: Record<string, string> = {
    'RateLimit-Policy': applied.map((a) => `"${a.name}";q=${a.policy.limit};w=${a.policy.windowSeconds}`).join(', '),
    RateLimit: applied.map((a) => `"${a.name}";r=${a.state.remaining};t=${seconds(a.state.resetMs)}`).join(', '),
  };
  const refused = applied.filter((a) => !a.state.allowed);
  if (refused.length) headers['Retry-After'] = String(Math.max(1, ...refused.map((a) => seconds(a.state.resetMs))));
  return headers;
}
