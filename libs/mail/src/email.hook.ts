import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { AfterHook, eventMatches, Hook, StoredEvent, unknownPatterns } from '@tally/events';
import { ClientsService } from '@tally/tenancy';
import { EntityManager } from 'typeorm';
import { eventMail } from './event-mail';
import { MailOutbox } from './mail-outbox';

/**
 * Module `email`: mails the events TALLY_MAIL_EVENTS names to TALLY_MAIL_TO, one mail per event,
 * queued in the outbox in the relay's batch transaction (so once per event, whatever replays);
 * the worker's MailSender sends them. It listens to every event and filters by the setting,
 * since which events is configuration; the setting is checked at boot like a hook's patterns.
 */
@Hook({
  name: 'email-notifications',
  module: 'email',
  phase: 'after',
  events: ['*'],
  description: 'Mails the events TALLY_MAIL_EVENTS names to TALLY_MAIL_TO (text and HTML, via the mail outbox)',
})
@Injectable()
export class EmailHook implements AfterHook {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly outbox: MailOutbox,
    private readonly clients: ClientsService,
  ) {
    if (!config.events.hookModules.includes('email')) return;
    const problems: string[] = [];
    const bad = unknownPatterns(config.mail.events);
    if (!config.mail.events.length || bad.length) problems.push(`TALLY_MAIL_EVENTS names no known event (${bad.join(', ') || 'none given'})`);
    if (!config.mail.to.length) problems.push('TALLY_MAIL_TO is empty: the email module has nobody to mail');
    if (problems.length) throw new Error(`hook module "email" refused to start:\n  - ${problems.join('\n  - ')}`);
  }

  async handle(events: StoredEvent[], manager: EntityManager): Promise<void> {
    // alert.notify is mailed by the alerts module's own hook, with its acknowledgement link.
    const wanted = events.filter((e) => e.type !== 'alert.notify' && this.config.mail.events.some((p) => eventMatches(p, e.type)));
    if (!wanted.length) return;
    const names = await this.clients.namesOf(wanted.flatMap((e) => (e.clientId ? [e.clientId] : [])), manager);
    await this.outbox.enqueue(manager, wanted.map((e) => ({
      source: 'hook:email-notifications',
      dedupeKey: `event:${e.id}`,
      to: this.config.mail.to,
      ...eventMail(e, this.config.organisationName, e.clientId ? names.get(e.clientId) : undefined),
    })));
  }
}
