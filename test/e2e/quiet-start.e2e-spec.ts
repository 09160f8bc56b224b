import { randomBytes } from 'node:crypto';
import { TEST_ENV } from '../setup/test-env';
import { freePort } from '../support/net';
import { entry, RunningProcess, startProcess } from '../support/processes';

/** Log lines written so far, as JSON objects (a line that is not JSON fails the test: pino writes JSON only). */
const lines = (proc: RunningProcess) => proc.output().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string; context?: string });
const FRAMEWORK = /^(InstanceLoader|RoutesResolver|RouterExplorer)$/;

/**
 * The built processes start quietly at info: what listens where and which Postgres and Redis
 * (never a password), in a handful of lines; Nest's module and route listing only at debug.
 */
describe('quiet start', () => {
  const base = { ...TEST_ENV, TALLY_QUEUE_PREFIX: `tally-quiet-${randomBytes(4).toString('hex')}` };
  const stop = async (proc: RunningProcess) => {
    proc.child.kill('SIGTERM');
    expect(await proc.exited()).toBe(0);
  };

  it('the API says in a few lines where it listens and what it uses, and no more at info', async () => {
    const port = await freePort();
    const api = startProcess(entry('api'), { ...base, LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: TEST_ENV.DATABASE_URL });
    try {
      await api.waitFor(/using Postgres at/);
      await fetch(`http://127.0.0.1:${port}/health/live`); // an answer, so nothing of the start is still buffered
      const start = lines(api);
      expect(start.length).toBeLessThanOrEqual(10);
      expect(start.filter((l) => FRAMEWORK.test(l.context ?? ''))).toEqual([]);
      expect(start.map((l) => l.msg)).toEqual(expect.arrayContaining([
        `API listening on http://127.0.0.1:${port} (Swagger UI at /api/docs, metrics at /metrics, queue dashboard at /admin/queues)`,
        expect.stringMatching(/^using Postgres at [^@ ]+ and Redis at [^@ ]+ \(queue prefix tally-quiet-/),
      ]));
    } finally {
      await stop(api);
    }
  });

  it('brings Nest’s module and route lines back at debug', async () => {
    const api = startProcess(entry('api'), { ...base, LOG_LEVEL: 'debug', PORT: String(await freePort()), HOST: '127.0.0.1' });
    try {
      await api.waitFor(/API listening/);
      const framework = lines(api).filter((l) => FRAMEWORK.test(l.context ?? ''));
      expect(framework.length).toBeGreaterThan(50);
      expect(framework.every((l) => l.level === 20)).toBe(true); // debug
      expect(framework.map((l) => l.context)).toEqual(expect.arrayContaining(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']));
    } finally {
      await stop(api);
    }
  });

  it('the worker says what it processes, its schedulers and its metrics port, in a few lines', async () => {
    const port = await freePort();
    const worker = startProcess(entry('worker'), { ...base, LOG_LEVEL: 'info', TALLY_WORKER_METRICS_PORT: String(port) });
    try {
      await worker.waitFor(/worker started/);
      const start = lines(worker);
      expect(start.length).toBeLessThanOrEqual(10);
      expect(start.filter((l) => FRAMEWORK.test(l.context ?? '') || l.context === 'NestFactory')).toEqual([]);
      const messages = start.map((l) => l.msg);
      expect(messages).toEqual(expect.arrayContaining([
        expect.stringMatching(/^worker started: Postgres at [^@ ]+, Redis at [^@ ]+ \(queue prefix tally-quiet-/),
        expect.stringMatching(/^2 job schedulers registered: schedule-ganeti-precache \(.+\), schedule-collect-slot \(.+\)$/),
        'processing tally-precache, tally-collect, tally-persist, tally-alerts',
        `metrics on http://127.0.0.1:${port}/metrics`,
      ]));
    } finally {
      await stop(worker);
    }
  });
});
