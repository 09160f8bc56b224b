import { ConfigError, loadConfig } from '@tally/config';
import { readFileSync } from 'node:fs';
import { Heartbeat, judge } from './health/heartbeat';

/**
 * `node dist/apps/worker/src/health.js`: exits 0 when the worker of this environment is
 * healthy, 1 (saying why) when not. Run it where the worker runs, with its environment: the
 * Compose healthcheck does. It reads the worker's heartbeat file and nothing else.
 */
function main(): number {
  const file = loadConfig().worker.healthFile;
  let beat: Heartbeat | undefined;
  try {
    beat = JSON.parse(readFileSync(file, 'utf8')) as Heartbeat;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      console.error(`cannot read the heartbeat ${file}: ${(e as Error).message}`);
      return 1;
    }
  }
  const verdict = judge(beat, Date.now(), alive, file);
  (verdict.healthy ? console.log : console.error)(verdict.message);
  return verdict.healthy ? 0 : 1;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exitCode = 1;
}
