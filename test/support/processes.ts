import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** Built entry points; `npm test` builds before running Jest. */
export function entry(app: 'api' | 'worker' | 'cli'): string {
  const file = resolve(ROOT, `dist/apps/${app}/src/main.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first (npm test does it)`);
  return file;
}

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited(): Promise<number | null>;
}

export function startProcess(file: string, env: Record<string, string | undefined>): RunningProcess {
  const child = spawn(process.execPath, [file], { env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return {
    child,
    output: () => out,
    exited: () => exit,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise((res, rej) => {
        const started = Date.now();
        const tick = () => {
          if (pattern.test(out)) return res();
          if (child.exitCode !== null) return rej(new Error(`process exited (${child.exitCode}) before ${pattern}:\n${out}`));
          if (Date.now() - started > timeoutMs) return rej(new Error(`timed out waiting for ${pattern}:\n${out}`));
          setTimeout(tick, 50);
        };
        tick();
      }),
  };
}
