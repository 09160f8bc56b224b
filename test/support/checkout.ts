import { chmodSync, cpSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './processes';

/**
 * A checkout of this repository in a temporary directory, as a user's clone looks after
 * `npm ci` and a build, with its own `.tally/` state. The scripts find the checkout from their
 * own location, so scripts/ (and, with `built`, dist/ and the package files, with their
 * times) are copied; node_modules, the sources and the fixtures are linked. `built` also
 * records a successful build, so `npm start` there starts at once and never rebuilds the
 * dist/ the other tests run.
 */
export function tempCheckout(prefix: string, { built = false } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // As root, the embedded PostgreSQL runs as `postgres`, which must be able to enter it.
  chmodSync(dir, 0o755);
  cpSync(join(ROOT, 'scripts'), join(dir, 'scripts'), { recursive: true });
  mkdirSync(join(dir, 'test'));
  symlinkSync(join(ROOT, 'test/fixtures'), join(dir, 'test/fixtures'));
  if (built) {
    for (const file of ['package.json', 'package-lock.json', 'README.md']) cpSync(join(ROOT, file), join(dir, file), { preserveTimestamps: true });
    for (const link of ['node_modules', 'apps', 'libs', 'migrations', 'tsconfig.json', 'tsconfig.build.json']) symlinkSync(join(ROOT, link), join(dir, link));
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
    const stamp = join(dir, 'dist/.quickstart-build');
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
    const now = new Date();
    utimesSync(stamp, now, now);
  }
  return dir;
}
