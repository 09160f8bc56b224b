import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import { Schemas, TallyClient } from '../api-client';
import { ApiError } from '../errors';
import { globalsOf } from '../cli-config';
import { Column, info, printResult, table } from '../output';
import { clientFor, intArg, printPage, withPaging } from './common';

export type Run = Schemas['CollectionRunDto'];
export type RunDetail = Schemas['CollectionRunDetailDto'];
type Outcome = Schemas['RunOutcomeDto'];

const KINDS = ['collect', 'precache'];
const STATES = ['queued', 'running', 'succeeded', 'partial', 'failed', 'missed'];
const DONE = new Set(['succeeded', 'partial', 'failed', 'missed']);

export const RUN_COLUMNS: Column<Run>[] = [
  ['id', (r) => r.id], ['slot', (r) => r.slot], ['state', (r) => r.state], ['ok', (r) => r.okCount], ['failed', (r) => r.errorCount],
  ['of', (r) => r.total], ['samples', (r) => r.sampleCount],
];
const OUTCOME_COLUMNS: Column<Outcome>[] = [
  ['target', (o) => o.target], ['name', (o) => o.name], ['ok', (o) => o.ok], ['samples', (o) => o.samples], ['reason', (o) => o.reason],
];
const LIST_COLUMNS: Column<Run>[] = [
  ['id', (r) => r.id], ['kind', (r) => r.kind], ['slot', (r) => r.slot], ['state', (r) => r.state], ['trigger', (r) => r.trigger],
  ['ok', (r) => r.okCount], ['failed', (r) => r.errorCount], ['of', (r) => r.total], ['samples', (r) => r.sampleCount],
  ['duration', (r) => (r.durationMs === null ? null : `${(r.durationMs / 1000).toFixed(1)}s`)],
  // Why a slot was missed: the ledger's answer, on the line an operator scans.
  ['reason', (r) => r.reason],
];

/** The --timeout and hidden --poll options of every command that follows a run. */
export function withFollowing(cmd: Command): Command {
  return cmd
    .addOption(new Option('--timeout <seconds>', 'give up waiting after this long').argParser(intArg(1, 86_400)).default(600))
    .addOption(new Option('--poll <ms>', 'poll interval').argParser(intArg(100, 60_000)).default(1000).hideHelp());
}

export function runsCommand(): Command {
  const cmd = new Command('runs').description('collection and pre-cache runs (admin, billing)');
  withPaging(cmd.command('list').description('list runs, newest slot first'))
    .addOption(new Option('--kind <kind>', `only runs of this kind (${KINDS.join(', ')})`).choices(KINDS))
    .addOption(new Option('--state <state>', `only runs in this state (${STATES.join(', ')})`).choices(STATES))
    .action(async (o, self: Command) => {
      await printPage<'listCollectionRuns'>(self, '/collections', { kind: o.kind, state: o.state, limit: o.limit, offset: o.offset }, LIST_COLUMNS);
    });
  withFollowing(cmd.command('watch').description('follow a run until it finishes; exit 1 if any target failed').argument('<id>', 'run id'))
    .action(async (id: string, o, self: Command) => {
      const api = clientFor(self);
      const done = await follow(api, await api.get<'getCollectionRun'>(`/collections/${encodeURIComponent(id)}?outcomes=errors`), { timeoutMs: o.timeout * 1000, pollMs: o.poll });
      report(self, done);
    });
  return cmd;
}

/**
 * Prints a finished run (with --json: the run and the outcomes fetched: its failures, or those
 * of `targets`) and lists those failures on stderr; throws (exit 1) when there are any.
 */
export function report(cmd: Command, done: RunDetail, targets?: string[]): void {
  printResult(cmd, done, [done], RUN_COLUMNS);
  // The resources asked for: what their reader came for, after the run's totals.
  if (targets && !globalsOf(cmd).json) process.stdout.write(`\n${table(done.outcomes, OUTCOME_COLUMNS)}`);
  const failed = done.outcomes.filter((x) => !x.ok);
  for (const f of failed) info(`  failed: ${f.name ?? f.target} (${f.target}): ${f.reason ?? 'no reason given'}`);
  if (!failed.length) return;
  const of = targets ? `${targets.length} resources asked for` : `${done.total} targets`;
  throw new ApiError(`collection ${done.state}: ${failed.length} of ${of} failed`);
}

/**
 * Polls GET /collections/{id} with a progress bar (on a terminal) until the run is done and,
 * when `targets` are given, each of them has an outcome. Without targets only the failures
 * are fetched: a run over 100,000 resources lists megabytes of successes.
 */
export async function follow(api: TallyClient, run: Run, opts: { timeoutMs: number; pollMs: number; targets?: string[] }): Promise<RunDetail> {
  const bar = new SingleBar({
    format: `${run.kind === 'precache' ? 'pre-caching' : 'collecting'} {bar} {value}/{total} targets | {state}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
  });
  const params = opts.targets ? `?target=${opts.targets.map(encodeURIComponent).join(',')}` : '?outcomes=errors';
  bar.start(Math.max(run.total, 1), 0, { state: run.state });
  const deadline = Date.now() + opts.timeoutMs;
  try {
    for (;;) {
      const detail = await api.get<'getCollectionRun'>(`/collections/${run.id}${params}`);
      bar.setTotal(Math.max(detail.total, 1));
      bar.update(detail.okCount + detail.errorCount, { state: detail.state });
      const waitingFor = (opts.targets ?? []).filter((t) => !detail.outcomes.some((o) => o.target === t));
      if (DONE.has(detail.state) && !waitingFor.length) return detail;
      if (Date.now() > deadline) {
        const what = waitingFor.length ? `${waitingFor.length} of the resources asked for have no outcome yet` : `it is still ${detail.state}`;
        throw new ApiError(`run ${run.id}: ${what} after ${Math.round(opts.timeoutMs / 1000)} s (is the worker running?); check it later with tally runs watch ${run.id}`);
      }
      await sleep(opts.pollMs);
    }
  } finally {
    bar.stop();
  }
}
