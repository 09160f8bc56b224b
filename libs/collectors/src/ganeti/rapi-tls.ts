import { createHash, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { ConnectionOptions, TLSSocket } from 'node:tls';

export type RapiTlsMode = 'system' | 'ca' | 'fingerprint' | 'insecure';

export interface RapiTlsSettings {
  tlsMode: RapiTlsMode;
  caCertificate?: string | null;
  tlsFingerprintSha256?: string | null;
}

/** How to open the socket, and what to check once the handshake is done. */
export interface RapiTlsPolicy {
  connect: ConnectionOptions;
  /** Runs after the handshake, before a byte of the request (credentials) is sent. */
  verify(socket: TLSSocket): string | null;
}

/**
 * Accepts `AB:CD:…`, plain hex, any case, a `SHA256:` or `sha256 Fingerprint=` prefix; returns 64 lowercase
 * hex digits, or null when it cannot be a SHA-256 fingerprint.
 */
export function normaliseFingerprint(input: string): string | null {
  const hex = input.trim().replace(/^sha-?256(\s+fingerprint)?\s*[:=]?\s*/i, '').replace(/[\s:-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** SHA-256 over the DER of a certificate, as `AB:CD:…` (how openssl and browsers show it). */
export function certificateFingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

/** Builds the policy for one cluster, or a reason why its TLS settings cannot work. */
export function rapiTlsPolicy(settings: RapiTlsSettings, host: string): RapiTlsPolicy | { error: string } {
  // SNI must be a host name; Node warns (and servers ignore it) when given an IP.
  const base: ConnectionOptions = isIP(host) ? {} : { servername: host };
  const authorized = (socket: TLSSocket) => (socket.authorized ? null : `certificate rejected: ${socket.authorizationError}`);
  switch (settings.tlsMode) {
    case 'system':
      return { connect: { ...base, rejectUnauthorized: true }, verify: authorized };
    case 'ca': {
      const pem = settings.caCertificate?.trim();
      if (!pem) return { error: 'TLS mode "ca" but no CA certificate is configured' };
      try {
        new X509Certificate(pem);
      } catch {
        return { error: 'the configured CA certificate is not a readable PEM certificate' };
      }
      // `ca` replaces the public roots: only this cluster's CA is trusted.
      return { connect: { ...base, ca: pem, rejectUnauthorized: true }, verify: authorized };
    }
    case 'fingerprint': {
      const pinned = normaliseFingerprint(settings.tlsFingerprintSha256 ?? '');
      if (!pinned) return { error: 'TLS mode "fingerprint" needs a SHA-256 fingerprint (64 hex digits)' };
      // Chain and host name are not checked: Ganeti's self-signed cert is trusted by its pin alone.
      return {
        connect: { ...base, rejectUnauthorized: false },
        verify: (socket) => {
          const raw = socket.getPeerCertificate()?.raw;
          if (!raw) return 'the server presented no certificate';
          const seen = certificateFingerprint(raw);
          return normaliseFingerprint(seen) === pinned ? null : `certificate fingerprint ${seen} does not match the pinned one`;
        },
      };
    }
    case 'insecure':
      return { connect: { ...base, rejectUnauthorized: false }, verify: () => null };
    default:
      return { error: `unknown TLS mode ${JSON.stringify(settings.tlsMode)}` };
  }
}

/** Words an operator can act on for the handshake errors Node reports by code. */
export function describeTlsError(err: NodeJS.ErrnoException & { reason?: string }, mode: RapiTlsMode): string {
  const trustedBy = mode === 'ca' ? 'the configured CA' : 'a public CA (set TLS mode "ca" or pin a fingerprint)';
  switch (err.code) {
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'CERT_SIGNATURE_FAILURE':
      return `certificate is not signed by ${trustedBy} (${err.code})`;
    case 'CERT_HAS_EXPIRED':
      return 'certificate has expired (CERT_HAS_EXPIRED)';
    case 'CERT_NOT_YET_VALID':
      return 'certificate is not valid yet (CERT_NOT_YET_VALID)';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `certificate does not match the host name: ${err.reason ?? err.message}`;
  }
  if (/wrong version number|packet length too long|http request/i.test(err.message)) {
    return `TLS handshake failed, the port may be speaking plain HTTP (${err.message})`;
  }
  return `TLS handshake failed: ${err.code ? `${err.code}: ` : ''}${err.message}`;
}
