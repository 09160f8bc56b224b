import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, TestApi } from '../support/api-app';
import { ROOT } from '../support/processes';

/** The CLI's types come from the document the API serves; a stale copy fails here, not in a user's terminal. */
describe('generated CLI types', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('match a fresh generation from /api/docs-json (if not: npm run openapi:types)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-openapi-'));
    try {
      writeFileSync(join(dir, 'doc.json'), JSON.stringify((await api.http.get('/api/docs-json').expect(200)).body));
      // A child process: openapi-typescript loads ES modules, which Jest's module system cannot.
      const fresh = execFileSync(process.execPath, ['scripts/openapi-types.js', '--document', join(dir, 'doc.json'), '--print'], { cwd: ROOT }).toString('utf8');
      const committed = readFileSync(join(ROOT, 'apps/cli/src/generated/api.ts'), 'utf8');
      // On a mismatch, show where: the first differing line, not 5,000 lines of diff.
      const [a, b] = [committed.split('\n'), fresh.split('\n')];
      const line = a.findIndex((l, i) => l !== b[i]);
      expect(line < 0 && a.length === b.length ? 'fresh' : `stale from line ${line + 1}: ${a[line]} ≠ ${b[line]}`).toBe('fresh');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
