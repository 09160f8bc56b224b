import { BadRequestException } from '@nestjs/common';
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not target unless TALLY_WEBHOOKS_ALLOW_PRIVATE is set: private,
 * loopback, link-local (which holds the cloud metadata service, 169.254.169.254), carrier-grade
 * NAT (Alibaba's metadata is at 100.100.100.200), unique-local (AWS's fd00:ec2::254),
 * multicast, reserved, and IPv4 written as IPv6, which would smuggle any of those through.
 */
// Two lists: one BlockList checks IPv4 against IPv4-mapped IPv6 rules too, which would block every IPv4 address.
const BLOCKED_V4 = new BlockList();
const BLOCKED_V6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED_V4.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) BLOCKED_V6.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (!family) return true; // not an address at all: never a safe target
  return family === 4 ? BLOCKED_V4.check(address, 'ipv4') : BLOCKED_V6.check(address, 'ipv6');
}

const url400 = (why: string) => new BadRequestException(`url: ${why}`);

/** The URL's host as an address literal (brackets stripped), or undefined for a name. */
function literal(host: string): string | undefined {
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  return isIP(bare) ? bare : undefined;
}

/** Checks the form of a target URL; throws a 400 naming `url`. */
export function parseTargetUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw url400('must be an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw url400('must be an http:// or https:// URL');
  if (url.username || url.password) throw url400('must not carry a user name or password; authenticate with the signature');
  if (!url.hostname) throw url400('must name a host');
  return url;
}

const DNS_TIMEOUT_MS = 5_000;

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('DNS lookup timed out')), DNS_TIMEOUT_MS);
    dnsLookup(host, { all: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(addresses);
    });
  });
}

/**
 * Refuses (400, naming `url`) a target that is or resolves to a blocked address, unless
 * private targets are allowed. A name is resolved now; the sender checks again at every
 * connection (guardedLookup), since DNS may change after the subscription was made.
 */
export async function checkTarget(text: string, allowPrivate: boolean): Promise<URL> {
  const url = parseTargetUrl(text);
  if (allowPrivate) return url;
  const address = literal(url.hostname);
  if (address) {
    if (isPrivateAddress(address)) throw url400(`${address} is a private, loopback, link-local or reserved address (set TALLY_WEBHOOKS_ALLOW_PRIVATE to allow it)`);
    return url;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(url.hostname);
  } catch (e) {
    throw url400(`cannot resolve ${url.hostname} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (bad) throw url400(`${url.hostname} resolves to ${bad.address}, a private, loopback, link-local or reserved address (set TALLY_WEBHOOKS_ALLOW_PRIVATE to allow it)`);
  return url;
}

/** The delivery-time check for an address literal (a name is checked by guardedLookup as it connects). */
export function refusedLiteral(url: URL): string | undefined {
  const address = literal(url.hostname);
  return address && isPrivateAddress(address) ? `${address} is a private or reserved address` : undefined;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net.connect that refuses blocked addresses: the address checked is the one
 * connected to, so a name that re-resolves to an internal address (DNS rebinding) is refused.
 */
export function guardedLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) {
      const refused = Object.assign(new Error(`${hostname} resolves to ${bad.address}, a private or reserved address`), { code: 'EADDRNOTALLOWED' });
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
