import fc from 'fast-check';
import { CapacityObserved, CapacitySettings, projectCapacity } from './capacity';

const settings: CapacitySettings = { intervalMinutes: 30, precacheLeadMinutes: 15, sshConcurrency: 64, rapiConcurrency: 8, persistConcurrency: 4 };
const stats = (mean: number) => ({ count: 10, p50: mean, p95: mean * 2, mean });
const none: CapacityObserved = { nodes: 0, vms: 0, clusters: 0, sshPoll: null, rapiFetch: null, slot: null };

describe('capacity projection', () => {
  it('projects polls per slot from concurrency and the mean time per host, and names the binding limit', () => {
    const { limits, binding } = projectCapacity(settings, {
      nodes: 10_000, vms: 50_000, clusters: 20, sshPoll: stats(250), rapiFetch: stats(4_000), slot: { ...stats(60_000), max: 130_000 },
    });
    const by = Object.fromEntries(limits.map((l) => [l.limit, l]));
    // 64 at once × 1,800,000 ms / 250 ms.
    expect(by['ssh-concurrency']).toMatchObject({ unit: 'hosts', current: 10_000, maxPerSlot: 460_800, utilisation: 0.0217 });
    // 8 at once × 900,000 ms / 4,000 ms.
    expect(by['rapi-concurrency']).toMatchObject({ unit: 'clusters', current: 20, maxPerSlot: 1_800, utilisation: 0.0111 });
    // 60,000 resources in 120,000 ms (p95), scaled to 1,800,000 ms.
    expect(by.interval).toMatchObject({ unit: 'resources', current: 60_000, maxPerSlot: 900_000, utilisation: 0.0667 });
    expect(by.persist).toMatchObject({ maxPerSlot: null, utilisation: null });
    expect(binding).toBe('interval');
  });

  it('makes no projection, and names no limit, before anything was measured', () => {
    const { limits, binding } = projectCapacity(settings, { ...none, nodes: 3 });
    expect(limits.every((l) => l.maxPerSlot === null && l.utilisation === null)).toBe(true);
    expect(binding).toBeNull();
  });

  it('never yields a non-finite or negative figure, and binds on the highest utilisation (any inputs)', () => {
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
    const dur = fc.double({ min: 0, max: 1e7, noNaN: true }).map(stats);
    fc.assert(fc.property(
      fc.record({ intervalMinutes: fc.integer({ min: 1, max: 1440 }), precacheLeadMinutes: fc.integer({ min: 0, max: 1439 }), sshConcurrency: fc.integer({ min: 1, max: 2000 }), rapiConcurrency: fc.integer({ min: 1, max: 256 }), persistConcurrency: fc.integer({ min: 1, max: 64 }) }),
      fc.record({ nodes: fc.nat(1e6), vms: fc.nat(1e6), clusters: fc.nat(1e4), sshPoll: maybe(dur), rapiFetch: maybe(dur), slot: maybe(dur.map((d) => ({ ...d, max: d.p95 }))) }),
      (s, o) => {
        const { limits, binding } = projectCapacity(s, o);
        for (const l of limits) {
          if (l.maxPerSlot !== null) expect(Number.isFinite(l.maxPerSlot) && l.maxPerSlot >= 0).toBe(true);
          if (l.utilisation !== null) expect(Number.isFinite(l.utilisation) && l.utilisation >= 0).toBe(true);
        }
        const measured = limits.filter((l) => l.utilisation !== null);
        if (!measured.length) expect(binding).toBeNull();
        else expect(limits.find((l) => l.limit === binding)!.utilisation).toBe(Math.max(...measured.map((l) => l.utilisation!)));
      },
    ));
  });
});
