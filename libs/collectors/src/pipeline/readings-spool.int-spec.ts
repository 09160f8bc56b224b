import { AppConfig } from '@tally/config';
import { PersistSamplesPayload } from '@tally/jobs';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadingsSpool, SpoolEntry, SpoolUnusableError } from './readings-spool';

const config = (dir: string, maxBytes = 1024 ** 3) => ({ collection: { spool: { dir, maxBytes, handOffTimeoutMs: 1000 } } }) as AppConfig;

const payload = (resources: number, value = 1): PersistSamplesPayload => ({
  runId: '00000000-0000-4000-8000-000000000001',
  slot: '2026-11-23T10:30:00.000Z',
  at: '2026-11-23T10:30:02.000Z',
  readings: Array.from({ length: resources }, (_, i) => ({ resourceId: `r${i}`, ok: true, values: { '1': value, '2': i } })),
});
const entry = (jobId: string, resources = 1, value = 1): SpoolEntry => ({ jobId, data: payload(resources, value) });
const size = (e: SpoolEntry) => Buffer.byteLength(JSON.stringify({ v: 1, jobId: e.jobId, data: e.data }));

async function spoolIn(dir: string, maxBytes?: number): Promise<ReadingsSpool> {
  const spool = new ReadingsSpool(config(dir, maxBytes));
  await spool.onModuleInit();
  return spool;
}

describe('the readings spool on disk', () => {
  let dir: string;
  beforeEach(() => (dir = join(mkdtempSync(join(tmpdir(), 'spool-spec-')), 'spool')));

  it('keeps an entry whole across a restart until it is removed, and counts its bytes', async () => {
    const spool = await spoolIn(dir);
    const e = entry('persist-samples-1795429800000-batch3-abc', 3, 42);
    expect(await spool.put([e])).toEqual({ stored: [e.jobId], refused: [] });
    expect(spool.stats()).toMatchObject({ entries: 1, bytes: size(e), refused: 0 });

    const restarted = await spoolIn(dir);
    expect(restarted.ids()).toEqual([e.jobId]);
    expect(restarted.stats().bytes).toBe(size(e));
    expect(await restarted.read(e.jobId)).toEqual(e);

    await restarted.remove(e.jobId);
    expect(restarted.stats()).toMatchObject({ entries: 0, bytes: 0 });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('replaces an entry of the same job rather than counting it twice', async () => {
    const spool = await spoolIn(dir);
    await spool.put([entry('job-a', 1, 1)]);
    await spool.put([entry('job-a', 2, 2)]);
    expect(spool.stats()).toMatchObject({ entries: 1, bytes: size(entry('job-a', 2, 2)) });
    expect((await spool.read('job-a'))?.data.readings).toHaveLength(2);
  });

  it('refuses what does not fit, never exceeds its bound, and never drops what it holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 6000 }), async (batches, maxBytes) => {
        const d = mkdtempSync(join(tmpdir(), 'spool-prop-'));
        const spool = await spoolIn(d, maxBytes);
        const entries = batches.map((n, i) => entry(`job-${i}`, n));
        // Written in parallel, as concurrent polls hand off.
        const results = await Promise.all(entries.map((e) => spool.put([e])));
        const stored = results.flatMap((r) => r.stored);
        const refused = results.flatMap((r) => r.refused);
        expect([...stored, ...refused].sort()).toEqual(entries.map((e) => e.jobId).sort());
        const onDisk = readdirSync(d).reduce((n, f) => n + statSync(join(d, f)).size, 0);
        expect(spool.stats()).toMatchObject({ entries: stored.length, bytes: onDisk, refused: refused.length });
        expect(onDisk).toBeLessThanOrEqual(maxBytes);
        for (const id of stored) expect((await spool.read(id))?.jobId).toBe(id);
        // Whatever was refused would have fitted into nothing smaller than what was left.
        for (const id of refused) expect(spool.stats().bytes + size(entries.find((e) => e.jobId === id)!)).toBeGreaterThan(maxBytes);
      }),
      { numRuns: 25 },
    );
  });

  it('takes new entries again once old ones are removed', async () => {
    const a = entry('job-a', 5);
    const spool = await spoolIn(dir, size(a) + 10);
    await spool.put([a]);
    expect((await spool.put([entry('job-b', 5)])).refused).toEqual(['job-b']);
    expect(spool.stats().refused).toBe(1);
    await spool.remove('job-a');
    expect((await spool.put([entry('job-b', 5)])).stored).toEqual(['job-b']);
  });

  it('drops a write a dead process left half done, and counts entries another worker added', async () => {
    const spool = await spoolIn(dir);
    writeFileSync(join(dir, 'job-x.json.999999999-0badc0de.tmp'), '{"v":1,"jobId":"job-x","da');
    const other = entry('job-other');
    writeFileSync(join(dir, 'job-other.json'), JSON.stringify({ v: 1, ...other }));
    await spool.rescan();
    expect(readdirSync(dir).sort()).toEqual(['job-other.json']);
    expect(spool.ids()).toEqual(['job-other']);
    expect(await spool.read('job-other')).toEqual(other);
  });

  it('refuses to start on a directory it cannot write, naming the setting', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'spool-bad-')), 'a-file');
    writeFileSync(file, '');
    const spool = new ReadingsSpool(config(join(file, 'spool')));
    await expect(spool.onModuleInit()).rejects.toThrow(SpoolUnusableError);
    await expect(spool.onModuleInit()).rejects.toThrow(/spool directory .*a-file\/spool is not writable \(ENOTDIR\): set TALLY_SPOOL_DIR/);
  });
});
