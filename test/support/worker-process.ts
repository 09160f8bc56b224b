import { entry, RunningProcess, startProcess } from './processes';

/**
 * The real worker (`node dist/apps/worker/src/main.js`), as production runs it. Resolves once
 * it has logged that it started; `kill` sends any signal, SIGKILL included.
 */
export async function startWorkerProcess(env: Record<string, string | undefined>): Promise<RunningProcess & { kill(signal: NodeJS.Signals): Promise<number | null> }> {
  const proc = startProcess(entry('worker'), { ...process.env, LOG_LEVEL: 'info', ...env });
  await proc.waitFor(/worker started/, 30_000);
  return {
    ...proc,
    kill: async (signal) => {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill(signal);
      return proc.exited();
    },
  };
}
