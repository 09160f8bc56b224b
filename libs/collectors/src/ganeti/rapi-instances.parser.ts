import { RapiShapeError } from './rapi-shape.error';

/** Measurement keys one Ganeti instance yields (design §3). */
export const GANETI_MEASUREMENT_KEYS = ['ganeti.vcpus', 'ganeti.memory', 'ganeti.disk', 'ganeti.running'] as const;
export type GanetiMeasurementKey = (typeof GANETI_MEASUREMENT_KEYS)[number];

/** One instance from `/2/instances?bulk=1`, normalised across Ganeti versions. Sizes in MiB. */
export interface GanetiInstance {
  name: string;
  /** Ganeti's own word: `running`, `ADMIN_down`, `ERROR_nodedown`, … */
  status: string;
  /** `admin_state` as a boolean (old clusters) or `up`/`down`/`offline`; null when absent. */
  adminUp: boolean | null;
  vcpus: number;
  /** `beparams.maxmem`, else `beparams.memory` (clusters before 2.6). */
  memoryMiB: number;
  /** Sum of `disk.sizes`; 0 only for a genuinely diskless instance. */
  diskMiB: number;
  diskTemplate?: string;
  primaryNode?: string;
  tags?: string[];
}

export interface RapiInstanceProblem {
  name?: string;
  /** Position in the RAPI array, so an unnamed entry can still be found. */
  index: number;
  reason: string;
}

export interface ParsedRapiInstances {
  instances: GanetiInstance[];
  problems: RapiInstanceProblem[];
}

type Json = Record<string, unknown>;

/**
 * Validates the JSON of `GET /2/instances?bulk=1`. A top level that is not a list of
 * instances throws `RapiShapeError`; one malformed instance becomes a problem and the rest
 * are kept. A value is never defaulted: an instance without vcpus or memory is a problem.
 */
export function parseRapiInstances(json: unknown): ParsedRapiInstances {
  if (!Array.isArray(json)) throw new RapiShapeError(describeTopLevel(json));
  if (json.length > 0 && !json.some((e) => isObject(e) && typeof e.name === 'string')) {
    throw new RapiShapeError(describeNoInstances(json));
  }
  const instances: GanetiInstance[] = [];
  const problems: RapiInstanceProblem[] = [];
  const seen = new Set<string>();
  json.forEach((entry, index) => {
    const name = isObject(entry) && typeof entry.name === 'string' && entry.name !== '' ? entry.name : undefined;
    try {
      if (!isObject(entry)) throw new Error(`entry is ${kindOf(entry)}, not an object`);
      if (name === undefined) throw new Error(`"name" is ${show(entry.name)}, not a non-empty string`);
      // The cache is keyed by name: a second record would silently replace the first.
      if (seen.has(name)) throw new Error('duplicate instance name');
      seen.add(name);
      instances.push(parseInstance(entry, name));
    } catch (e) {
      problems.push({ ...(name === undefined ? {} : { name }), index, reason: (e as Error).message });
    }
  });
  return { instances, problems };
}

/** The four built-in Ganeti measurements for one instance. */
export function ganetiMeasurements(instance: GanetiInstance): Record<GanetiMeasurementKey, number> {
  return {
    'ganeti.vcpus': instance.vcpus,
    'ganeti.memory': instance.memoryMiB,
    'ganeti.disk': instance.diskMiB,
    'ganeti.running': instance.status === 'running' ? 1 : 0,
  };
}

function parseInstance(raw: Json, name: string): GanetiInstance {
  const status = raw.status;
  if (typeof status !== 'string' || status === '') throw new Error(`"status" is ${show(status)}, not a string`);
  const beparams = raw.beparams;
  if (!isObject(beparams)) throw new Error(`"beparams" is ${show(beparams)}, not an object`);
  const vcpus = positiveInt(beparams.vcpus, 'beparams.vcpus');
  const memoryMiB = parseMemory(beparams);
  const diskMiB = parseDiskSizes(raw['disk.sizes']);
  checkOperValue(raw.oper_ram, 'oper_ram');
  checkOperValue(raw.oper_vcpus, 'oper_vcpus');
  const instance: GanetiInstance = { name, status, adminUp: parseAdminState(raw.admin_state), vcpus, memoryMiB, diskMiB };
  if (typeof raw.disk_template === 'string') instance.diskTemplate = raw.disk_template;
  if (typeof raw.pnode === 'string') instance.primaryNode = raw.pnode;
  if (Array.isArray(raw.tags) && raw.tags.every((t) => typeof t === 'string')) instance.tags = [...raw.tags];
  return instance;
}

function parseMemory(beparams: Json): number {
  // Since 2.6 `maxmem` is the size and `memory` mirrors it; older clusters only have `memory`.
  if (beparams.maxmem !== undefined && beparams.maxmem !== null) return positiveInt(beparams.maxmem, 'beparams.maxmem');
  if (beparams.memory !== undefined && beparams.memory !== null) return positiveInt(beparams.memory, 'beparams.memory');
  throw new Error('beparams has neither "maxmem" nor "memory"');
}

function parseDiskSizes(sizes: unknown): number {
  if (!Array.isArray(sizes)) throw new Error(`"disk.sizes" is ${show(sizes)}, not an array`);
  let total = 0;
  sizes.forEach((s, i) => {
    if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) {
      throw new Error(`"disk.sizes[${i}]" is ${show(s)}, not a whole number of MiB`);
    }
    total += s;
  });
  if (!Number.isSafeInteger(total)) throw new Error('"disk.sizes" adds up past the safe integer range');
  return total;
}

function parseAdminState(value: unknown): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value; // Ganeti 2.1–2.4
  if (typeof value === 'string') return value === 'up' ? true : value === 'down' || value === 'offline' ? false : null;
  throw new Error(`"admin_state" is ${show(value)}, neither a boolean nor a string`);
}

/** Stopped instances report `null` (current) or `"-"` (2.1–2.4); running ones a number. */
function checkOperValue(value: unknown, field: string): void {
  if (value === undefined || value === null || value === '-') return;
  if (typeof value === 'number' && Number.isFinite(value)) return;
  throw new Error(`"${field}" is ${show(value)}, expected a number, null or "-"`);
}

function positiveInt(value: unknown, field: string): number {
  if (value === undefined || value === null) throw new Error(`"${field}" is missing`);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new Error(`"${field}" is ${show(value)}, not a positive integer`);
  }
  return value;
}

function describeTopLevel(json: unknown): string {
  // Ganeti reports its own failures as {code, message, explain}.
  if (isObject(json) && typeof json.message === 'string') {
    return `expected an array of instances, got an error object: ${truncate(json.message, 200)}`;
  }
  return `expected an array of instances, got ${kindOf(json)}`;
}

function describeNoInstances(json: unknown[]): string {
  const first = json[0];
  // Without `bulk=1` (or through a proxy that drops the query) RAPI lists only {id, uri}.
  if (isObject(first) && 'id' in first && 'uri' in first) {
    return 'entries carry only "id" and "uri": this is the non-bulk listing, the bulk=1 query was lost';
  }
  return `none of the ${json.length} entries is an object with a string "name" (first is ${kindOf(first)})`;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function show(v: unknown): string {
  if (v === undefined) return 'missing';
  const text = JSON.stringify(v) ?? String(v);
  return truncate(text, 40);
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
