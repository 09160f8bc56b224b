import { EVENT_TYPES, StoredEvent } from '@tally/events';

/** Longest JSON of an event's data a mail carries; the rest is in GET /api/v1/events. */
const MAX_DATA = 10_000;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The subject, text and HTML of one event's mail: organisation and client in the subject. */
export function eventMail(event: StoredEvent, organisation: string, clientName: string | undefined) {
  const client = event.clientId ? (clientName ?? event.clientId) : 'all clients';
  const subject = `[${organisation}] ${client}: ${event.type} (${event.subject.type} ${event.subject.id})`;
  const data = JSON.stringify({ data: event.data, changes: event.changes }, null, 2);
  const rows: [string, string][] = [
    ['Event', `${event.type} (v${event.version}): ${EVENT_TYPES[event.type]?.description ?? ''}`],
    ['Client', event.clientId ? `${clientName ?? '(unknown)'} (${event.clientId})` : 'installation-wide'],
    ['Subject', `${event.subject.type} ${event.subject.id}`],
    ['When', event.occurredAt],
    ['By', event.actor ? `${event.actor.keyName ?? event.actor.keyId ?? 'unknown key'} (${event.actor.role ?? 'no role'})` : 'Tally itself'],
    ['Event id', event.id],
  ];
  const body = data.length > MAX_DATA ? `${data.slice(0, MAX_DATA)}\n… (cut; GET /api/v1/events shows it all)` : data;
  const text = `${rows.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${body}\n\n-- \n${organisation} · Tally\n`;
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h2>${escape(event.type)}</h2>
<table cellpadding="4">${rows.map(([k, v]) => `<tr><th align="left">${escape(k)}</th><td>${escape(v)}</td></tr>`).join('')}</table>
<pre style="background:#f4f4f4;padding:8px">${escape(body)}</pre>
<p style="color:#666">${escape(organisation)} · Tally</p>
</body></html>`;
  return { subject, text, html };
}
