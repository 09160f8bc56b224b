import type { Request } from 'express';
import { isIPv4 } from 'node:net';

/**
 * The caller's address as Express resolves it under the app's `trust proxy` setting, with
 * IPv4-mapped IPv6 ("::ffff:192.0.2.1") written as IPv4, so one client has one address.
 */
export function clientAddress(req: Request): string {
  const ip = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
  return ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
}

/** 127.0.0.0/8 and ::1: a caller on this machine. */
export function isLoopback(address: string): boolean {
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);
}
