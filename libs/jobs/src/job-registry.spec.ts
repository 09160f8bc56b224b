import { buildHandlerTable, FoundHandler } from './job-handler';
import { attemptsSpanning, backoffDelay, jobOptions } from './job-options';
import { JOB_NAMES, JOB_QUEUE, QUEUE_NAMES } from './job-names';
import { AppConfig } from '@tally/config';

const handler = (name: string, where = `Processor.${name}`): FoundHandler => ({ name, where, fn: async () => undefined });

describe('job registry', () => {
  it('accepts exactly one handler per job', () => {
    const table = buildHandlerTable(JOB_NAMES, JOB_NAMES.map((n) => handler(n)));
    expect([...table.keys()].sort()).toEqual([...JOB_NAMES].sort());
  });

  it('refuses to boot when a job has no handler, two handlers, or a handler names an unknown job', () => {
    const found = [handler('collect-slot'), handler('collect-slot', 'Other.collect'), handler('persist-samples'), handler('collect-batch'), handler('ganeti-pre-cache')];
    expect(() => buildHandlerTable(JOB_NAMES, found)).toThrow(
      /job "ganeti-precache" has no handler[\s\S]*job "collect-slot" has 2 handlers: Processor.collect-slot, Other.collect[\s\S]*handles unknown job "ganeti-pre-cache"/,
    );
  });

  it('routes every job to a known queue', () => {
    for (const name of JOB_NAMES) expect(QUEUE_NAMES).toContain(JOB_QUEUE[name]);
  });
});

describe('job options', () => {
  const config = { collection: { persistRetryHours: 1, intervalMinutes: 30 } } as AppConfig;

  it('backs off exponentially, capped at five minutes', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(30)).toBe(300_000);
  });

  it('retries a persist for at least persistRetryHours', () => {
    const { attempts } = jobOptions('persist-samples', config);
    let waited = 0;
    for (let retry = 1; retry < attempts!; retry++) waited += backoffDelay(retry);
    expect(waited).toBeGreaterThanOrEqual(3600_000);
    expect(attemptsSpanning(3600_000)).toBe(attempts);
  });

  it('bounds retention of finished jobs, and keeps the bulky batch jobs only an hour', () => {
    for (const name of JOB_NAMES) {
      const opts = jobOptions(name, config);
      expect(opts.removeOnComplete).toEqual({ age: expect.any(Number), count: expect.any(Number) });
      expect(opts.removeOnFail).toEqual({ age: 30 * 24 * 3600 });
    }
    expect(jobOptions('collect-batch', config).removeOnComplete).toMatchObject({ age: 3600 });
    expect(jobOptions('persist-samples', config).removeOnComplete).toMatchObject({ age: 3600 });
    expect(jobOptions('collect-slot', config).removeOnComplete).toMatchObject({ age: 2 * 24 * 3600 });
  });
});
