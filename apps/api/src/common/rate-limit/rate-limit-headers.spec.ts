import { rateLimitHeaders } from './rate-limit-headers';

describe('rateLimitHeaders', () => {
  const key = { name: 'key', policy: { limit: 100, windowSeconds: 60 } };
  const ingestion = { name: 'ingestion', policy: { limit: 10, windowSeconds: 60 } };

  it('lists every policy that applied, in the structured-field syntax of the draft', () => {
    expect(rateLimitHeaders([
      { ...key, state: { allowed: true, remaining: 99, resetMs: 600 } },
      { ...ingestion, state: { allowed: true, remaining: 9, resetMs: 6000 } },
    ])).toEqual({ 'RateLimit-Policy': '"key";q=100;w=60, "ingestion";q=10;w=60', RateLimit: '"key";r=99;t=1, "ingestion";r=9;t=6' });
  });

  it('adds Retry-After, never earlier than the refusing policy\'s reset, when one refused', () => {
    const headers = rateLimitHeaders([
      { ...key, state: { allowed: true, remaining: 50, resetMs: 30_000 } },
      { ...ingestion, state: { allowed: false, remaining: 0, resetMs: 5001 } },
    ]);
    expect(headers['Retry-After']).toBe('6');
    expect(headers.RateLimit).toBe('"key";r=50;t=30, "ingestion";r=0;t=6');
  });

  it('says nothing when no policy applied', () => expect(rateLimitHeaders([])).toEqual({}));
});
