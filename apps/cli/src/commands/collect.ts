import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import { TallyClient } from '../api-client';
import { globalsOf } from '../cli-config';
import { ApiError } from '../errors';
import { info, printResult } from '../output';
import { clientFor, intArg } from './common';

interface Run { id: string; slot: string; state: string; trigger: string; total: number; okCount: number; errorCount: number; sampleCount: number; durationMs: number | null }
interface Outcome { target: string; name?: string; ok: boolean; reason?: string; samples: number }
type RunDetail = Run & { outcomes: Outcome[] };

const DONE = new Set(['succeeded', 'partial', 'failed']);
const COLUMNS: [string, (r: Run) => unknown][] = [
  ['id', (r) => r.id], ['slot', (r) => r.slot], ['state', (r) => r.state], ['ok', (r) => r.okCount], ['failed', (r) => r.errorCount],
  ['of', (r) => r.total], ['samples', (r) => r.sampleCount],
];

export function collectCommand(): Command {
  return new Command('collect')
    .description('trigger the collection of a slot (admin, billing); with --wait, follow it until done')
    .option('--slot <timestamp>', 'any instant in the slot to collect, ISO 8601 (default: the current slot)')
    .option('--wait', 'poll until the run is done; exit 1 if any target failed')
    .addOption(new Option('--timeout <seconds>', 'give up waiting after this long').argParser(intArg(1, 86_400)).default(600))
    .addOption(new Option('--poll <ms>', 'poll interval').argParser(intArg(100, 60_000)).default(1000).hideHelp())
    .action(async (o, self: Command) => {
      const api = clientFor(self);
      const res = await api.request('POST', '/collections', o.slot ? { slot: o.slot } : {});
      const run = (await res.json()) as Run;
      if (!o.wait) {
        if (!globalsOf(self).json) info(res.status === 201 ? 'Collection triggered.' : 'This slot was already triggered; here is its run.');
        printResult(self, run, [run], COLUMNS);
        return;
      }
      const done = await follow(api, run, o.timeout * 1000, o.poll);
      printResult(self, done, [done], COLUMNS);
      const failed = done.outcomes.filter((x) => !x.ok);
      for (const f of failed) info(`  failed: ${f.name ?? f.target} (${f.target}): ${f.reason ?? 'no reason given'}`);
      if (done.state !== 'succeeded') throw new ApiError(`collection ${done.state}: ${failed.length} of ${done.total} targets failed`);
    });
}

/** Polls GET /collections/{id} with a progress bar (on a terminal) until the run is done. */
async function follow(api: TallyClient, run: Run, timeoutMs: number, pollMs: number): Promise<RunDetail> {
  const bar = new SingleBar({
    format: 'collecting {bar} {value}/{total} targets | {state}',
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
  });
  bar.start(Math.max(run.total, 1), 0, { state: run.state });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      // Only the failures: a run over 100,000 resources lists megabytes of successes.
      const detail = await api.get<RunDetail>(`/collections/${run.id}?outcomes=errors`);
      bar.setTotal(Math.max(detail.total, 1));
      bar.update(detail.okCount + detail.errorCount, { state: detail.state });
      if (DONE.has(detail.state)) return detail;
      if (Date.now() > deadline) {
        throw new ApiError(`run ${run.id} is still ${detail.state} after ${Math.round(timeoutMs / 1000)} s (is the worker running?); check it later with GET /api/v1/collections/${run.id}`);
      }
      await sleep(pollMs);
    }
  } finally {
    bar.stop();
  }
}
