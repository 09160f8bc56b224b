import { BadRequestException } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { utils as sshUtils } from 'ssh2';

/**
 * Formats shared by the HTTP DTOs (shape checks at the edge) and the services (the rules that
 * depend on other fields or on stored rows). Pure functions, so they are unit-tested.
 */

/** 'ganeti-vm', 'node', or any other lower-case kind, which is then push-only. */
export const RESOURCE_TYPE = /^[a-z][a-z0-9-]{1,40}$/;
export const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
/** As `ssh-keygen -lf` and OpenSSH's own messages print it: unpadded base64 of 32 bytes. */
export const HOST_KEY_SHA256 = /^SHA256:[A-Za-z0-9+/]{43}$/;
/** 32 bytes in hex, optionally colon-separated as `openssl x509 -fingerprint -sha256` prints it. */
export const TLS_FINGERPRINT_SHA256 = /^([0-9a-f]{64}|[0-9a-f]{2}(:[0-9a-f]{2}){31})$/i;
export const MAX_LABELS = 50;
export const MAX_SECRET_LENGTH = 65_536;

export function badRequest(field: string, message: string): BadRequestException {
  return new BadRequestException(`${field}: ${message}`);
}

export function isHostname(value: string): boolean {
  return HOSTNAME.test(value);
}

/** SSH targets may also be IP literals (the test sshd listens on 127.0.0.1). */
export function isSshHost(value: string): boolean {
  return isIP(value) !== 0 || HOSTNAME.test(value);
}

/** Stored as lower-case hex without colons, the form the worker compares against. */
export function normaliseTlsFingerprint(value: string): string {
  if (!TLS_FINGERPRINT_SHA256.test(value.trim())) {
    throw badRequest('tlsFingerprintSha256', 'must be a SHA-256 fingerprint: 64 hex digits, colons allowed');
  }
  return value.trim().replace(/:/g, '').toLowerCase();
}

export function checkCaCertificate(pem: string): void {
  if (!/^\s*-----BEGIN CERTIFICATE-----/.test(pem)) {
    throw badRequest('caCertificate', 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)');
  }
  try {
    new X509Certificate(pem);
  } catch {
    throw badRequest('caCertificate', 'is not a readable PEM certificate');
  }
}

/**
 * Refuses, while a person is still at the keyboard, a key the SSH collector could never use:
 * not PEM/OpenSSH armour, unsupported by ssh2 (e.g. PKCS#8 ed25519), or passphrase-protected
 * (Tally stores no passphrase). The message never quotes the key.
 */
export function checkSshPrivateKey(secret: string): void {
  if (!/^\s*-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(secret)) {
    throw badRequest('secret', 'an ssh-private-key must be a PEM or OpenSSH private key (-----BEGIN ... PRIVATE KEY-----)');
  }
  const parsed = sshUtils.parseKey(secret);
  if (parsed instanceof Error) {
    throw badRequest('secret', `not a usable SSH private key (${parsed.message}); keys with a passphrase are not supported`);
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key?.isPrivateKey()) throw badRequest('secret', 'is a public key; an ssh-private-key credential needs the private key');
}

/** Why a labels value is unacceptable, or undefined when it is fine. */
export function labelsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of string values';
  const entries = Object.entries(value);
  if (entries.length > MAX_LABELS) return `must have at most ${MAX_LABELS} keys`;
  for (const [k, v] of entries) {
    if (k.length < 1 || k.length > 100) return `key "${k.slice(0, 100)}" must be 1 to 100 characters`;
    if (typeof v !== 'string') return `value of "${k}" must be a string`;
    if (v.length > 500) return `value of "${k}" must be at most 500 characters`;
  }
  return undefined;
}
