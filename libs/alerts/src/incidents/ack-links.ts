import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export type AckCheck = { ok: true; incidentId: number; expiresAt: Date } | { ok: false; reason: string };

/**
 * Signed acknowledgement links for notifications: `<public URL>/ack/<incident>.<expiry>.<mac>`,
 * HMAC-SHA256 over both numbers, so a link acknowledges one incident until it expires and
 * nothing else. The key is TALLY_ALERT_ACK_SECRET, or else derived from the active credential
 * key (rotating that key then invalidates the links out there, which only expire sooner).
 */
@Injectable()
export class AckLinks {
  private readonly key: Buffer | undefined;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    const { ackSecret } = config.alerts;
    const credentialKey = config.secrets.keys.get(config.secrets.activeVersion);
    this.key = ackSecret ? Buffer.from(ackSecret, 'utf8')
      : credentialKey ? Buffer.from(hkdfSync('sha256', credentialKey, Buffer.alloc(0), 'tally alert ack links', 32)) : undefined;
  }

  get available(): boolean {
    return this.key !== undefined;
  }

  /** The link for an incident; throws when no key is configured (docs/alerts.md). */
  url(incidentId: number, now = new Date()): string {
    return `${this.config.alerts.publicUrl.replace(/\/+$/, '')}/ack/${this.token(incidentId, now)}`;
  }

  token(incidentId: number, now = new Date()): string {
    const expires = Math.floor(now.getTime() / 1000) + this.config.alerts.ackLinkTtlHours * 3600;
    return `${incidentId}.${expires}.${this.mac(incidentId, expires)}`;
  }

  check(token: string, now = new Date()): AckCheck {
    const m = /^(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m || !this.key) return { ok: false, reason: 'This acknowledgement link is not valid.' };
    const [incidentId, expires] = [Number(m[1]), Number(m[2])];
    const expected = Buffer.from(this.mac(incidentId, expires));
    if (!timingSafeEqual(expected, Buffer.from(m[3]))) return { ok: false, reason: 'This acknowledgement link is not valid.' };
    if (expires * 1000 <= now.getTime()) return { ok: false, reason: `This acknowledgement link expired at ${new Date(expires * 1000).toISOString()}.` };
    return { ok: true, incidentId, expiresAt: new Date(expires * 1000) };
  }

  private mac(incidentId: number, expires: number): string {
    if (!this.key) throw new Error('acknowledgement links need TALLY_ALERT_ACK_SECRET or TALLY_SECRET_KEYS');
    return createHmac('sha256', this.key).update(`ack.${incidentId}.${expires}`).digest('base64url');
  }
}
