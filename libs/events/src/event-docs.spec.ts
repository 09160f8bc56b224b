import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EVENT_TYPES } from './event-types';

/** docs/events.md is the contract integrators read: it must list exactly the events Tally emits, at their versions. */
describe('docs/events.md', () => {
  const doc = readFileSync(resolve(__dirname, '../../../docs/events.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| `([a-z_]+\.[a-z_]+)` \| (\d+) \| ([a-z_]+) \|/gm)].map((m) => ({ type: m[1], version: Number(m[2]), subject: m[3] }));

  it('documents every event type with its version and subject, once', () => {
    const documented = rows.map((r) => r.type);
    expect(new Set(documented).size).toBe(documented.length);
    expect(documented.sort()).toEqual(Object.keys(EVENT_TYPES).sort());
    for (const r of rows) expect({ version: r.version, subject: r.subject }).toEqual({ version: EVENT_TYPES[r.type].version, subject: EVENT_TYPES[r.type].subject });
  });
});
