import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'allowed' | 'missing' | 'wrong';

/**
 * Whether a scrape's Authorization header carries the metrics token (TALLY_METRICS_TOKEN).
 * Compared as digests in constant time, so the answer's timing tells nothing of the token.
 */
export function metricsAccess(token: string, authorization: string | undefined): MetricsAccess {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return 'missing';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]), digest(token)) ? 'allowed' : 'wrong';
}

export const METRICS_REFUSED: Record<Exclude<MetricsAccess, 'allowed'>, string> = {
  missing: 'Missing metrics token: send "Authorization: Bearer <TALLY_METRICS_TOKEN>"',
  wrong: 'Wrong metrics token',
};
