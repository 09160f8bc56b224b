import { EVENT_TYPES, eventMatches, unknownPatterns } from './event-types';

describe('event names', () => {
  it('match exactly, by prefix, or all', () => {
    expect(eventMatches('client.created', 'client.created')).toBe(true);
    expect(eventMatches('client.*', 'client.deactivated')).toBe(true);
    expect(eventMatches('client.*', 'clients.created')).toBe(false);
    expect(eventMatches('*', 'host.down')).toBe(true);
    expect(eventMatches('host.up', 'host.down')).toBe(false);
  });

  it('names patterns that match nothing, so a typo is refused rather than silently idle', () => {
    expect(unknownPatterns(['client.*', 'host.dwn', 'nothing.*'])).toEqual(['host.dwn', 'nothing.*']);
  });

  it('are lower-case dotted words, each with a version and a subject', () => {
    for (const [name, info] of Object.entries(EVENT_TYPES)) {
      expect(name).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(info.version).toBeGreaterThanOrEqual(1);
      expect(info.subject).toMatch(/^[a-z_]+$/);
    }
  });
});
