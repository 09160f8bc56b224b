import { randomUUID } from 'node:crypto';
import { entry, startProcess } from '../support/processes';

/** The real worker process refuses a schedule it cannot keep, before any queue worker starts. */
describe('worker boot', () => {
  it('exits with a plain message when the collection interval cannot be scheduled', async () => {
    const worker = startProcess(entry('worker'), {
      ...process.env,
      TALLY_QUEUE_PREFIX: `${process.env.TALLY_QUEUE_PREFIX}-${randomUUID().slice(0, 8)}`,
      TALLY_COLLECT_INTERVAL_MINUTES: '45',
      TALLY_PRECACHE_LEAD_MINUTES: '15',
    });
    expect(await worker.exited()).toBe(1);
    expect(worker.output()).toMatch(/collection interval of 45 minutes cannot be scheduled: use a divisor of 60, or whole hours dividing 24 \(TALLY_COLLECT_INTERVAL_MINUTES\)/);
  });
});
