import { MetricsModule } from '@tally/metrics';
import { Module } from '@nestjs/common';
import { DatabaseModule } from '@tally/database';
import { MailOutbox } from './mail-outbox';
import { MailSender } from './mail-sender.service';

/** The outbox, for any producer (the e-mail hook, alerts). */
@Module({ imports: [DatabaseModule], providers: [MailOutbox], exports: [MailOutbox] })
export class MailModule {}

/** The worker's part: sends the outbox over SMTP. */
@Module({ imports: [MetricsModule], providers: [MailSender] })
export class MailSenderModule {}
