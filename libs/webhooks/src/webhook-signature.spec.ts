import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { messageId, newWebhookSecret, webhookHeaders } from './webhook-signature';

/** Checked against the reference implementation (the standardwebhooks package), not against our own code. */
describe('Standard Webhooks signatures', () => {
  it('verify with the reference library, for any body', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\s,]/.test(s)), (body, id) => {
        const secret = newWebhookSecret();
        const headers = webhookHeaders([secret], id, body);
        expect(() => new Webhook(secret).verify(body, headers, { jsonParse: false })).not.toThrow();
      }),
      { numRuns: 50 },
    );
  });

  it('match the reference signature exactly', () => {
    const secret = newWebhookSecret();
    const now = Date.now();
    const headers = webhookHeaders([secret], 'msg_1', '{"a":1}', now);
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('msg_1', new Date(Math.floor(now / 1000) * 1000), '{"a":1}'));
  });

  it('carry one signature per secret during a rotation, each verifying on its own', () => {
    const [old, fresh] = [newWebhookSecret(), newWebhookSecret()];
    const headers = webhookHeaders([fresh, old], 'msg_2', '{}');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(old).verify('{}', headers)).not.toThrow();
    expect(() => new Webhook(fresh).verify('{}', headers)).not.toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify('{}', headers)).toThrow();
  });

  it('fail for a changed body or a foreign secret', () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders([secret], 'msg_3', '{"amount":1}');
    expect(() => new Webhook(secret).verify('{"amount":2}', headers)).toThrow();
  });

  it('make secrets in the whsec_ form, each different', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it('derive the webhook-id from event and subscription alone', () => {
    const sub = '0b7e4c2a-1111-4222-8333-444455556666';
    expect(messageId('42', sub)).toBe(messageId('42', sub));
    expect(messageId('42', sub)).not.toBe(messageId('43', sub));
    expect(messageId('42', sub)).toMatch(/^msg_[0-9a-z_]+$/);
  });
});
