import { Heartbeat, HEARTBEAT_STALE_MS, judge } from './heartbeat';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const beat = (over: Partial<Heartbeat> = {}, agoMs = 4_000): Heartbeat => ({
  pid: 42,
  at: new Date(NOW - agoMs).toISOString(),
  status: 'up',
  checks: { postgres: { status: 'up' }, redis: { status: 'up' }, queues: [{ queue: 'tally-collect', running: true }, { queue: 'tally-persist', running: true }] },
  ...over,
});
const alive = () => true;

describe('worker health verdict', () => {
  it('is healthy on a fresh beat of a live worker whose dependencies and queues are up', () => {
    expect(judge(beat(), NOW, alive, '/f')).toEqual({ healthy: true, message: 'worker (pid 42) up 4 s ago: postgres up, redis up, processing tally-collect, tally-persist' });
    expect(judge(beat({}, HEARTBEAT_STALE_MS), NOW, alive, '/f').healthy).toBe(true);
  });

  it('says why it is not healthy', () => {
    const cases: [Heartbeat | undefined, RegExp, ((pid: number) => boolean)?][] = [
      [undefined, /^no heartbeat in \/f: the worker has not started/],
      [beat(), /^the worker \(pid 42\) is gone; its last heartbeat was 4 s ago$/, () => false],
      [beat({}, HEARTBEAT_STALE_MS + 1_000), /^the worker's last heartbeat is 31 s old \(more than 30 s\): it is stuck$/],
      [beat({ status: 'stopping' }), /^the worker \(pid 42\) is stopping$/],
      [beat({ status: 'down', checks: { ...beat().checks, postgres: { status: 'down', error: 'ECONNREFUSED' } } }), /unhealthy 4 s ago: postgres down \(ECONNREFUSED\)$/],
      [beat({ status: 'down', checks: { ...beat().checks, queues: [{ queue: 'tally-collect', running: false }] } }), /: queue tally-collect not processing$/],
      [beat({ at: 'garbage' }), /heartbeat is NaN s old/],
    ];
    for (const [b, message, isAlive = alive] of cases) {
      expect(judge(b, NOW, isAlive, '/f')).toEqual({ healthy: false, message: expect.stringMatching(message) });
    }
  });
});
