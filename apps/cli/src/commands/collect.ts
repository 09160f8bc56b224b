import { Command, Option } from 'commander';
import { globalsOf } from '../cli-config';
import { info, printResult } from '../output';
import { clientFor } from './common';
import { follow, report, Run, RUN_COLUMNS, withFollowing } from './runs';

const collectArg = (value: string, previous: string[] = []) => [...previous, value];

export function collectCommand(): Command {
  return withFollowing(
    new Command('collect')
      .description('trigger the collection of a slot (admin, billing); with --wait, follow it until done')
      .option('--slot <timestamp>', 'any instant in the slot to collect, ISO 8601 (default: the current slot)')
      .addOption(new Option('--resource <id>', 'also collect this node or ganeti-vm into the slot, even if the slot was collected before it existed (repeatable)').argParser(collectArg))
      .option('--wait', 'poll until the run is done (and each --resource has an outcome); exit 1 if any of them failed'),
  ).action(async (o, self: Command) => {
    const api = clientFor(self);
    const resources: string[] | undefined = o.resource;
    const res = await api.request('POST', '/collections', { ...(o.slot ? { slot: o.slot } : {}), ...(resources ? { resourceIds: resources } : {}) });
    const run = (await res.json()) as Run;
    if (!o.wait) {
      if (!globalsOf(self).json) {
        const note = res.status === 201 ? 'Collection triggered.' : 'This slot was already triggered; here is its run.';
        info(resources ? `${note} The resources asked for are added to it once it has finished.` : note);
      }
      printResult(self, run, [run], RUN_COLUMNS);
      return;
    }
    report(self, await follow(api, run, { timeoutMs: o.timeout * 1000, pollMs: o.poll, targets: resources }), resources);
  });
}
