import { certificateFingerprint, normaliseFingerprint, rapiTlsPolicy } from './rapi-tls';

const HEX = 'ab'.repeat(32);

describe('normaliseFingerprint', () => {
  it.each([
    ['lowercase hex', HEX],
    ['uppercase hex', HEX.toUpperCase()],
    ['openssl style', `AB${':AB'.repeat(31)}`],
    ['openssl x509 -fingerprint output', `sha256 Fingerprint=AB${':AB'.repeat(31)}`],
    ['a SHA256: prefix', `SHA256:${HEX}`],
    ['spaces around', `  ${HEX}\n`],
  ])('reads %s', (_label, input) => {
    expect(normaliseFingerprint(input)).toBe(HEX);
  });

  it.each([
    ['too short', 'ab'.repeat(31)],
    ['SHA-1 length', 'ab'.repeat(20)],
    ['not hex', 'zz'.repeat(32)],
    ['empty', ''],
  ])('rejects %s', (_label, input) => {
    expect(normaliseFingerprint(input)).toBeNull();
  });
});

describe('certificateFingerprint', () => {
  it('prints SHA-256 of the DER as colon-separated uppercase pairs', () => {
    // SHA-256 of the empty input, a fixed known value.
    expect(certificateFingerprint(Buffer.alloc(0))).toBe(
      'E3:B0:C4:42:98:FC:1C:14:9A:FB:F4:C8:99:6F:B9:24:27:AE:41:E4:64:9B:93:4C:A4:95:99:1B:78:52:B8:55',
    );
  });
});

describe('rapiTlsPolicy', () => {
  it('refuses ca mode without a usable CA certificate', () => {
    expect(rapiTlsPolicy({ tlsMode: 'ca' }, 'ganeti.example.org')).toEqual({ error: expect.stringMatching(/no CA/) });
    expect(rapiTlsPolicy({ tlsMode: 'ca', caCertificate: 'not a pem' }, 'h')).toEqual({ error: expect.stringMatching(/PEM/) });
  });

  it('refuses fingerprint mode without a SHA-256 fingerprint', () => {
    expect(rapiTlsPolicy({ tlsMode: 'fingerprint', tlsFingerprintSha256: 'ab:cd' }, 'h')).toEqual({
      error: expect.stringMatching(/64 hex digits/),
    });
  });

  it('verifies the chain except in fingerprint and insecure modes', () => {
    const reject = (mode: 'system' | 'fingerprint' | 'insecure') => {
      const p = rapiTlsPolicy({ tlsMode: mode, tlsFingerprintSha256: HEX }, 'ganeti.example.org');
      return 'error' in p ? undefined : p.connect.rejectUnauthorized;
    };
    expect([reject('system'), reject('fingerprint'), reject('insecure')]).toEqual([true, false, false]);
  });

  it('sends SNI for a host name only, never for an IP', () => {
    const byName = rapiTlsPolicy({ tlsMode: 'system' }, 'ganeti.example.org');
    const byIp = rapiTlsPolicy({ tlsMode: 'system' }, '127.0.0.1');
    expect('connect' in byName && byName.connect.servername).toBe('ganeti.example.org');
    expect('connect' in byIp && byIp.connect.servername).toBeUndefined();
  });
});
