import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { AfterHook, Hook, StoredEvent } from '@tally/events';
import { MailOutbox, OutgoingMail } from '@tally/mail';
import { ClientsService } from '@tally/tenancy';
import { EntityManager } from 'typeorm';
import { AckLinks } from './ack-links';
import type { Incident } from './incident';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Part of module `email`: each alert.notify becomes a mail to TALLY_MAIL_TO, queued in the relay's
 * transaction (once per notification, whatever replays), with a signed link that acknowledges the
 * incident. The link is made here, never carried in the event: events reach webhooks and client
 * keys, and a link is a credential for one incident. The generic e-mail hook leaves alert.notify
 * to this one, so a notification is never mailed twice.
 */
@Hook({
  name: 'alert-email',
  module: 'email',
  phase: 'after',
  events: ['alert.notify'],
  description: 'Mails each alert notification to TALLY_MAIL_TO, with a signed acknowledgement link',
})
@Injectable()
export class IncidentMailHook implements AfterHook {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly outbox: MailOutbox,
    private readonly links: AckLinks,
    private readonly clients: ClientsService,
  ) {}

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    const notes = events.filter((e) => e.type === 'alert.notify' && (e.data as { incident?: Incident }).incident);
    if (!notes.length) return;
    const names = await this.clients.namesOf(notes.flatMap((e) => (e.clientId ? [e.clientId] : [])), manager);
    await this.outbox.enqueue(manager, notes.map((e) => this.mail(e, e.clientId ? names.get(e.clientId) : undefined)));
  }

  private mail(event: StoredEvent, clientName: string | undefined): OutgoingMail {
    const { incident, reason } = event.data as { incident: Incident; reason?: string };
    const org = this.config.organisationName;
    const client = event.clientId ? (clientName ?? event.clientId) : 'all clients';
    const what = `${incident.severity.toUpperCase()} ${incident.measurement} on ${incident.subjectName ?? incident.subjectId}`;
    const subject = `[${org}] ${client}: ${incident.status === 'recovered' ? 'RECOVERED ' : ''}${what} (${incident.ruleName}, incident ${incident.id})`;
    const ack = incident.status === 'open' && !incident.acknowledgedAt && this.links.available ? this.links.url(incident.id) : undefined;
    const rows: [string, string][] = [
      ['Rule', incident.ruleName],
      ['Subject', `${incident.subjectType} ${incident.subjectName ?? ''} (${incident.subjectId})`],
      ['Client', event.clientId ? `${clientName ?? '(unknown)'} (${event.clientId})` : 'installation-wide'],
      ['State', `${incident.status}, ${incident.severity}${incident.flapping ? ', flapping' : ''}`],
      ['Value', incident.value === null ? 'no data' : String(incident.value)],
      ['Opened', incident.openedAt],
      ['Why now', reason ?? 'notification'],
      ['Notifications', String(incident.notifications)],
    ];
    const text = `${rows.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n`
      + (ack ? `Acknowledge (stops further notifications until it recovers):\n${ack}\n\n` : '')
      + `-- \n${org} · Tally\n`;
    const html = `<!doctype html><html><body style="font-family:sans-serif">
<h2>${escape(what)}</h2>
<table cellpadding="4">${rows.map(([k, v]) => `<tr><th align="left">${escape(k)}</th><td>${escape(v)}</td></tr>`).join('')}</table>
${ack ? `<p><a href="${escape(ack)}">Acknowledge incident ${incident.id}</a> (stops further notifications until it recovers)</p>` : ''}
<p style="color:#666">${escape(org)} · Tally</p>
</body></html>`;
    return { source: 'alerts', dedupeKey: `event:${event.id}`, to: this.config.mail.to, subject, text, html };
  }
}
