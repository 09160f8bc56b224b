import fc from 'fast-check';
import { parseProcStat, ticksBetween } from '../../bench/lib/proc-cpu';

type Reading = Map<string, { name: string; ticks: number }>;

/** /proc/<pid>/stat as the kernel writes it: 52 fields, the name in parentheses. */
const statLine = (pid: number, name: string, utime: number, stime: number, start: number) =>
  [`${pid} (${name}) S 1 ${pid} ${pid} 0 -1 4194560 100 0 0 0`, utime, stime, '0 0 20 0 1 0', start, '123456 789 ...'].join(' ');

describe('bench CPU accounting (bench/lib/proc-cpu.js)', () => {
  it('reads utime + stime and the start time, whatever the process name holds', () => {
    expect(parseProcStat(statLine(42, 'postgres', 1500, 250, 998877))).toEqual({ name: 'postgres', start: 998877, ticks: 1750 });
    expect(parseProcStat(statLine(7, 'odd) (name', 3, 4, 5))).toEqual({ name: 'odd) (name', start: 5, ticks: 7 });
    expect(parseProcStat('garbage')).toBeNull();
  });

  it('counts growth of processes seen twice, whole lives of ones born between, and nothing for ones that exited', () => {
    const before: Reading = new Map([
      ['10@1', { name: 'postgres', ticks: 100 }], // runs on
      ['11@1', { name: 'postgres', ticks: 6350 }], // another run's backend, exits meanwhile: the −63.5 s
      ['12@1', { name: 'redis-server', ticks: 40 }],
    ]);
    const after: Reading = new Map([
      ['10@1', { name: 'postgres', ticks: 250 }],
      ['13@900', { name: 'postgres', ticks: 30 }], // born meanwhile
      ['11@950', { name: 'postgres', ticks: 5 }], // pid 11 reused by a new backend: another process
      ['12@1', { name: 'redis-server', ticks: 52 }],
    ]);
    expect(ticksBetween(before, after)).toEqual({ postgres: 150 + 30 + 5, 'redis-server': 12 });
  });

  it('is never negative and never more than the after reading holds, for any two readings', () => {
    const proc = fc.record({ pid: fc.integer({ min: 1, max: 40 }), start: fc.integer({ min: 0, max: 3 }), name: fc.constantFrom('postgres', 'redis-server') });
    const reading = fc.array(fc.tuple(proc, fc.nat(1e6)), { maxLength: 30 });
    fc.assert(
      fc.property(reading, reading, (a, b) => {
        const map = (r: typeof a): Reading => new Map(r.map(([p, ticks]) => [`${p.pid}@${p.start}`, { name: p.name, ticks }]));
        const [before, after] = [map(a), map(b)];
        // Counters of one process only grow: a later reading of the same process is never smaller.
        for (const [key, now] of after) {
          const then = before.get(key);
          if (then) now.ticks = Math.max(now.ticks, then.ticks);
          now.name = then?.name ?? now.name;
        }
        const spent = ticksBetween(before, after);
        for (const name of Object.keys(spent)) {
          const held = [...after.values()].filter((p) => p.name === name).reduce((n, p) => n + p.ticks, 0);
          expect(spent[name]).toBeGreaterThanOrEqual(0);
          expect(spent[name]).toBeLessThanOrEqual(held);
        }
      }),
    );
  });
});
