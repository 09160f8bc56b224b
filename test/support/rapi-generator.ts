import type { RapiStandin } from './rapi-standin';
import { readRapiFixture } from './rapi-fixtures';

/** One sizing profile from OSL's 2017 IAM cache (a real spread of VM sizes). */
interface IamProfile {
  vcpus: number;
  memoryMiB: number;
  diskSizes: number[];
  diskTemplate: string;
  active: boolean;
}

export interface GenerateInstancesOptions {
  count: number;
  /** First number in `vm-<nnnnn>.<domain>`; lets clusters get disjoint names. */
  offset?: number;
  domain?: string;
  /** Same seed, same instances. */
  seed?: number;
  /** `legacy`: Ganeti 2.1–2.4 answers (boolean admin_state, "-" while stopped, no maxmem). */
  shape?: 'current' | 'legacy' | 'mixed';
}

let profiles: IamProfile[] | undefined;
let template: Record<string, unknown> | undefined;

/**
 * Builds `/2/instances?bulk=1` records with real sizes from the IAM cache and anonymised names.
 * Fields not derived from the profile (hvparams, …) are shared objects: clone before mutating them.
 */
export function generateRapiInstances(options: GenerateInstancesOptions): Record<string, unknown>[] {
  const { count, offset = 0, domain = 'example.org', seed = 42, shape = 'current' } = options;
  profiles ??= loadProfiles();
  template ??= readRapiFixture<Record<string, unknown>[]>('oslInstanceSample')[0];
  const rng = mulberry32(seed + offset);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const p = profiles[Math.floor(rng() * profiles.length)];
    const n = offset + i;
    const legacy = shape === 'legacy' || (shape === 'mixed' && rng() < 0.3);
    out.push(instanceRecord(p, n, domain, rng, legacy));
  }
  return out;
}

export interface GeneratedCluster {
  fqdn: string;
  rapiUrl: string;
  instanceCount: number;
}

/**
 * Serves `clusters` × `instancesPerCluster` generated instances from one stand-in (for the
 * collection benchmark: 100 × 1,000). Bodies are serialised up front so the server side costs
 * little during a measurement; at about 2 KB an instance, 100 × 1,000 holds ~200 MB.
 */
export function serveGeneratedClusters(
  standin: RapiStandin,
  { clusters, instancesPerCluster, shape }: { clusters: number; instancesPerCluster: number; shape?: GenerateInstancesOptions['shape'] },
): GeneratedCluster[] {
  return Array.from({ length: clusters }, (_, c) => {
    const fqdn = `ganeti-${String(c).padStart(3, '0')}.example.org`;
    const instances = generateRapiInstances({ count: instancesPerCluster, offset: c * instancesPerCluster, seed: c, shape });
    const rapiUrl = standin.addCluster(fqdn, Buffer.from(JSON.stringify(instances)));
    return { fqdn, rapiUrl, instanceCount: instancesPerCluster };
  });
}

function instanceRecord(p: IamProfile, n: number, domain: string, rng: () => number, legacy: boolean) {
  const name = `vm-${String(n).padStart(5, '0')}.${domain}`;
  const drbd = p.diskTemplate === 'drbd';
  const node = (k: number) => `node-${String(k).padStart(2, '0')}.${domain}`;
  const primary = Math.floor(rng() * 24);
  const stopped = legacy ? '-' : null;
  const record: Record<string, unknown> = {
    ...template!, // nested hvparams etc. are shared between records: cheap, and they are only serialised
    name,
    uuid: uuidFrom(rng),
    admin_state: legacy ? p.active : p.active ? 'up' : 'down',
    oper_state: p.active,
    status: p.active ? 'running' : 'ADMIN_down',
    oper_ram: p.active ? p.memoryMiB : stopped,
    oper_vcpus: p.active ? p.vcpus : stopped,
    beparams: legacy
      ? { auto_balance: true, memory: p.memoryMiB, vcpus: p.vcpus }
      : { always_failover: false, auto_balance: true, maxmem: p.memoryMiB, memory: p.memoryMiB, minmem: p.memoryMiB, spindle_use: 1, vcpus: p.vcpus },
    custom_beparams: {},
    'disk.sizes': p.diskSizes,
    disk_template: p.diskTemplate,
    // drbd keeps 128 MiB of metadata per disk (see the fixtures' README).
    disk_usage: p.diskSizes.reduce((a, b) => a + b, 0) + (drbd ? 128 * p.diskSizes.length : 0),
    pnode: node(primary),
    snodes: drbd ? [node((primary + 1) % 24)] : [],
    'nic.macs': [`aa:00:00:${hex(rng)}:${hex(rng)}:${hex(rng)}`],
    network_port: 11000 + (n % 5000),
    tags: [`tally:project:${n % 97}`],
  };
  if (legacy) delete record.admin_state_source;
  return record;
}

function loadProfiles(): IamProfile[] {
  const cache = readRapiFixture<Record<string, Record<string, string> | string>>('iamNodeCache');
  return Object.entries(cache)
    .filter((e): e is [string, Record<string, string>] => !e[0].endsWith(':datetime') && typeof e[1] === 'object')
    .map(([, v]) => ({
      vcpus: Number(v.num_cpus),
      memoryMiB: Number(v.total_ram),
      diskSizes: JSON.parse(v.disk_sizes) as number[],
      diskTemplate: v.disk_template,
      active: v.active === 'true',
    }));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(rng: () => number): string {
  return Math.floor(rng() * 256).toString(16).padStart(2, '0');
}

function uuidFrom(rng: () => number): string {
  const h = Array.from({ length: 16 }, () => hex(rng)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
