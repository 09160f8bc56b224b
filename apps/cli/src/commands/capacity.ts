import { Command } from 'commander';
import { Schemas } from '../api-client';
import { globalsOf } from '../cli-config';
import { Column, table } from '../output';
import { clientFor } from './common';

type Capacity = Schemas['CapacityDto'];
type Source = Schemas['CapacitySourceDto'];
type Limit = Schemas['CapacityLimitDto'];
type Stats = Schemas['DurationStatsDto'] | null | undefined;

const ms = (s: Stats, key: 'p50' | 'p95') => (s ? `${Math.round(s[key])}ms` : null);
const SOURCE_COLUMNS: Column<Source>[] = [
  ['source', (s) => s.source], ['type', (s) => s.resourceType], ['hosts', (s) => s.hosts], ['clusters', (s) => s.clusters],
  ['p50', (s) => ms(s.timePerHostMs ?? s.timePerClusterMs, 'p50')], ['p95', (s) => ms(s.timePerHostMs ?? s.timePerClusterMs, 'p95')],
];
const LIMIT_COLUMNS: Column<Limit>[] = [
  ['limit', (l) => l.limit], ['current', (l) => `${l.current} ${l.unit}`], ['max per slot', (l) => l.maxPerSlot],
  ['used', (l) => (l.utilisation === null ? null : `${(l.utilisation * 100).toFixed(1)}%`)], ['basis', (l) => l.basis],
];

/** `tally capacity`: what GET /collections/capacity says, as three short tables (or --json). */
export function capacityCommand(): Command {
  return new Command('capacity')
    .description('how many hosts the worker can take: hosts per source, time per host, slot duration, projected maximum and the binding limit (admin, billing)')
    .action(async (_o, self: Command) => {
      const c: Capacity = await clientFor(self).get<'getCollectionCapacity'>('/collections/capacity');
      if (globalsOf(self).json) return void process.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
      const slot = c.slotDurationMs;
      process.stdout.write(table(c.sources, SOURCE_COLUMNS));
      process.stdout.write(`\nslot duration (latest ${c.recentRuns} runs): ${slot ? `p50 ${Math.round(slot.p50)}ms, p95 ${Math.round(slot.p95)}ms, max ${Math.round(slot.max)}ms` : 'no finished run yet'}`
        + ` of ${c.settings.intervalMinutes} min\n\n`);
      process.stdout.write(table(c.limits, LIMIT_COLUMNS));
      process.stdout.write(`\nbinding limit: ${c.binding ?? 'none yet (nothing measured)'}\n`);
    });
}
