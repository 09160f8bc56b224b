import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ENQUEUE } from './mail.sql';

/** One e-mail to send. Producers (the e-mail hook; alerts, later) build it; the outbox sends it. */
export interface OutgoingMail {
  /** Who made it, for the operator: `hook:email-notifications`, `alerts`. */
  source: string;
  /** At most one mail per key, ever: a producer that may run twice for one cause names the cause. */
  dedupeKey?: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

/**
 * The way into the outbox: a mail is queued in the caller's transaction, so it exists exactly
 * when the change that wanted it does, and is sent by the worker's MailSender, retried while
 * SMTP is unreachable.
 */
@Injectable()
export class MailOutbox {
  async enqueue(manager: EntityManager, mails: readonly OutgoingMail[]): Promise<void> {
    if (!mails.length) return;
    const col = <T>(f: (m: OutgoingMail) => T) => mails.map(f);
    await manager.query(ENQUEUE, [
      col((m) => m.source), col((m) => m.dedupeKey ?? null), col((m) => `{${m.to.map((a) => JSON.stringify(a)).join(',')}}`),
      col((m) => m.subject), col((m) => m.text), col((m) => m.html ?? null),
    ]);
  }
}
