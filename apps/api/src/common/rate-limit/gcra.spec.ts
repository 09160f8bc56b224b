import fc from 'fast-check';
import { MemoryBuckets } from './gcra';

const policyArb = fc.record({ limit: fc.integer({ min: 1, max: 50 }), windowSeconds: fc.integer({ min: 1, max: 120 }) });

/** A clock the test moves by hand. */
function buckets(max = 1000) {
  let now = 1_800_000_000_000;
  const store = new MemoryBuckets(max, () => now);
  return { store, at: (t: number) => (now = t), get now() { return now; } };
}

describe('GCRA buckets', () => {
  it('let exactly `limit` requests through at one instant, counting down remaining', () => {
    fc.assert(
      fc.property(policyArb, (policy) => {
        const { store } = buckets();
        const b = [{ id: 'k', policy }];
        const remaining = Array.from({ length: policy.limit }, () => store.take(b)[0]).map((s) => (s.allowed ? s.remaining : -1));
        expect(remaining).toEqual(Array.from({ length: policy.limit }, (_, i) => policy.limit - 1 - i));
        expect(store.take(b)[0].allowed).toBe(false);
      }),
    );
  });

  it('never allow more than limit × (d + window) / window requests in any span d', () => {
    fc.assert(
      fc.property(policyArb, fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 300 }), (policy, gaps) => {
        const clock = buckets();
        const start = clock.now;
        const allowed: number[] = [];
        let t = start;
        for (const gap of gaps) {
          clock.at((t += gap));
          if (clock.store.take([{ id: 'k', policy }])[0].allowed) allowed.push(t);
        }
        const windowMs = policy.windowSeconds * 1000;
        for (let i = 0; i < allowed.length; i++) {
          for (let j = i; j < allowed.length; j++) {
            const span = allowed[j] - allowed[i];
            expect(j - i + 1).toBeLessThanOrEqual(Math.floor((policy.limit * (span + windowMs)) / windowMs + 1e-6));
          }
        }
      }),
    );
  });

  it('admit a refused request once its resetMs has passed, and a full burst after a quiet window', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 0, max: 200 }), (policy, extra) => {
        const clock = buckets();
        const b = [{ id: 'k', policy }];
        for (let i = 0; i < policy.limit + extra; i++) clock.store.take(b);
        const refused = clock.store.take(b)[0];
        expect(refused).toMatchObject({ allowed: false, remaining: 0 });
        expect(refused.resetMs).toBeGreaterThan(0);
        expect(refused.resetMs).toBeLessThanOrEqual(policy.windowSeconds * 1000);
        clock.at(clock.now + refused.resetMs);
        expect(clock.store.take(b)[0].allowed).toBe(true);
        clock.at(clock.now + policy.windowSeconds * 1000);
        const burst = Array.from({ length: policy.limit + 1 }, () => clock.store.take(b)[0].allowed);
        expect(burst).toEqual([...Array(policy.limit).fill(true), false]);
      }),
    );
  });

  it('count a request against every bucket or none', () => {
    const { store } = buckets();
    const key = { id: 'key', policy: { limit: 5, windowSeconds: 60 } };
    const ingest = { id: 'ingest', policy: { limit: 2, windowSeconds: 60 } };
    expect(store.take([key, ingest]).map((s) => s.allowed)).toEqual([true, true]);
    expect(store.take([key, ingest]).map((s) => s.allowed)).toEqual([true, true]);
    expect(store.take([key, ingest]).map((s) => s.allowed)).toEqual([true, false]);
    // The refused push did not use up the key's own budget.
    expect(store.take([key])[0]).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('give back a refunded request, even beside a refusal, but never more than was taken', () => {
    const { store } = buckets();
    const attempts = { id: 'auth', policy: { limit: 3, windowSeconds: 60 } };
    const key = { id: 'key', policy: { limit: 1, windowSeconds: 60 } };
    expect(store.take([attempts])[0].remaining).toBe(2);
    expect(store.take([attempts])[0].remaining).toBe(1);
    expect(store.take([{ ...attempts, cost: -1 }, key]).map((s) => s.allowed)).toEqual([true, true]);
    expect(store.take([{ ...attempts, cost: -1 }, key]).map((s) => s.allowed)).toEqual([true, false]);
    expect(store.take([{ ...attempts, cost: -1 }])[0]).toMatchObject({ allowed: true, remaining: 3 });
    expect(Array.from({ length: 4 }, () => store.take([attempts])[0].allowed)).toEqual([true, true, true, false]);
  });

  it('stay within their size bound under a spray of new ids', () => {
    const { store } = buckets(100);
    for (let i = 0; i < 1000; i++) store.take([{ id: `ip-${i}`, policy: { limit: 1, windowSeconds: 60 } }]);
    expect(store.size).toBeLessThanOrEqual(100);
    expect(store.take([{ id: 'ip-999', policy: { limit: 1, windowSeconds: 60 } }])[0].allowed).toBe(false);
  });
});
