import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('exits naming TALLY_SPOOL_DIR when the spool directory cannot be written, before taking any job', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'worker-boot-')), 'not-a-directory');
    writeFileSync(file, '');
    const worker = startProcess(entry('worker'), {
      ...process.env,
      TALLY_QUEUE_PREFIX: `${process.env.TALLY_QUEUE_PREFIX}-${randomUUID().slice(0, 8)}`,
      TALLY_SPOOL_DIR: join(file, 'spool'),
    });
    expect(await worker.exited()).toBe(1);
    expect(worker.output()).toMatch(/the readings spool directory .*not-a-directory\/spool is not writable \(ENOTDIR\): set TALLY_SPOOL_DIR to a writable directory/);
    expect(worker.output()).not.toMatch(/processing tally-/);
  });
});
