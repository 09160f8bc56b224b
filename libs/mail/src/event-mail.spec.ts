import type { StoredEvent } from '@tally/events';
import { eventMail } from './event-mail';

const event = (over: Partial<StoredEvent> = {}): StoredEvent => ({
  id: '42', type: 'host.down', version: 1, occurredAt: '2026-12-01T10:00:00.000Z', clientId: null,
  subject: { type: 'resource', id: 'r-1' }, actor: null, data: { name: 'node-1', reason: 'timeout' }, changes: null, ...over,
});

describe('eventMail', () => {
  it('puts organisation, client, event and subject in the subject line', () => {
    expect(eventMail(event({ clientId: 'c-1' }), 'Example Hosting', 'Acme').subject).toBe('[Example Hosting] Acme: host.down (resource r-1)');
    expect(eventMail(event(), 'Example Hosting', undefined).subject).toBe('[Example Hosting] all clients: host.down (resource r-1)');
    expect(eventMail(event({ clientId: 'c-2' }), 'X', undefined).subject).toBe('[X] c-2: host.down (resource r-1)');
  });

  it('says who did it and what, in text and in escaped HTML', () => {
    const m = eventMail(event({ actor: { keyId: 'k', keyName: 'ops <laptop>', role: 'admin', requestId: 'q', address: null }, data: { name: '<b>x</b>' } }), 'O', undefined);
    expect(m.text).toContain('By: ops <laptop> (admin)');
    expect(m.text).toContain('"name": "<b>x</b>"');
    expect(m.html).toContain('ops &lt;laptop&gt; (admin)');
    expect(m.html).not.toContain('<b>x</b>');
  });

  it('cuts a huge payload and says where the rest is', () => {
    const m = eventMail(event({ data: { blob: 'x'.repeat(50_000) } }), 'O', undefined);
    expect(m.text.length).toBeLessThan(12_000);
    expect(m.text).toContain('GET /api/v1/events shows it all');
  });
});
