import { DeviceValue, Unavailable } from '../reading';
import { DARWIN_ITEMS, DARWIN_UNSUPPORTED, FREEBSD_ITEMS, FREEBSD_UNSUPPORTED } from './parsers/bsd.parser';
import { DEVICE_ITEMS } from './parsers/device.parser';
import { Item, Unsupported } from './parsers/item';
import { LINUX_ITEMS } from './parsers/linux.parser';
import { KernelModules, Out, TrackedFile } from './parsers/values';
import { PollParseError } from './poll-parse.error';
import { isCounter, SSH_MEASUREMENT_KEYS, SshMeasurementKey, SshStoredKey } from './ssh-measurements';
import { EMPTY_POLL_SPEC, SshPollSpec } from './ssh-poll-spec';
import { splitSections, SplitOutput } from './ssh-sections';

export type SshPlatform = 'linux' | 'freebsd' | 'darwin';

/** Everything one poll read, and why the rest is missing. */
export interface SshReading {
  platform: SshPlatform;
  /** Counters restart when this changes; null when unreadable, and then no counter is given. */
  bootId: string | null;
  /** Per-host values, by measurement key. */
  host: Partial<Record<SshMeasurementKey, number>>;
  devices: DeviceValue[];
  /** One entry per measurement (and device) that has no value, with why. */
  unavailable: Unavailable[];
  /** Null when not read (see `unavailable`, key `kernel.modules`). */
  kernelModules: KernelModules | null;
  files: TrackedFile[];
}

/** The per-host values stored today (design §3), as the plugin writes them. */
export type SshPollValues = Partial<Record<SshStoredKey, number>>;

const PLATFORMS: Record<string, { platform: SshPlatform; items: readonly Item[]; unsupported: readonly Unsupported[] }> = {
  Linux: { platform: 'linux', items: [...LINUX_ITEMS, DEVICE_ITEMS.linuxTemps, DEVICE_ITEMS.gpu], unsupported: [] },
  FreeBSD: { platform: 'freebsd', items: [...FREEBSD_ITEMS, DEVICE_ITEMS.gpu], unsupported: FREEBSD_UNSUPPORTED },
  Darwin: { platform: 'darwin', items: [...DARWIN_ITEMS, DEVICE_ITEMS.gpu], unsupported: DARWIN_UNSUPPORTED },
};

/**
 * Turns the output of the poll command into a reading. Pure, and it never throws for a bad
 * section: each costs only its own measurements, which get a reason. Only output in which
 * no known section can be found is a `PollParseError` (the poll failed). A value is never
 * guessed or defaulted to 0.
 */
export function parseSshOutput(output: string, spec: SshPollSpec = EMPTY_POLL_SPEC): SshReading {
  const split = splitSections(output);
  const platformLine = split.sections.get('platform');
  const name = platformLine?.state === 'ok' ? platformLine.lines[0]?.trim() ?? '' : 'Linux';
  // The command reads anything it does not know as Linux; so does the parser.
  const { platform, items, unsupported } = PLATFORMS[name] ?? PLATFORMS.Linux;
  const all = [...items];
  if (spec.files.length) all.push(DEVICE_ITEMS.files);
  if (spec.processChecks.length) all.push(DEVICE_ITEMS.processChecks);
  if (!all.some((item) => item.sections.some((s) => split.sections.has(s)))) {
    throw new PollParseError('output', `no known section for ${platform} (sections: ${[...split.sections.keys()].slice(0, 8).join(', ')})`);
  }

  const out = new Out();
  for (const item of all) read(item, split, spec, out);
  for (const u of unsupported) for (const key of u.keys) out.missing(key, u.reason);
  if (!split.ended) out.missing('output', 'end marker missing (output truncated)');
  if (out.bootId === null) withholdCounters(out);
  return {
    platform,
    bootId: out.bootId,
    host: Object.fromEntries(out.host) as SshReading['host'],
    devices: out.devices,
    unavailable: out.unavailable,
    kernelModules: out.modules,
    files: out.files,
  };
}

/** The stored per-host values of a reading, nothing else. */
export function storedValues(reading: SshReading): SshPollValues {
  const values: SshPollValues = {};
  for (const key of SSH_MEASUREMENT_KEYS) {
    const v = reading.host[key];
    if (v !== undefined) values[key as SshStoredKey] = v;
  }
  return values;
}

function read(item: Item, split: SplitOutput, spec: SshPollSpec, out: Out): void {
  const subjects = [...item.keys, ...(item.facts ?? [])];
  const bodies: string[][] = [];
  for (const name of item.sections) {
    const section = split.sections.get(name);
    const why = section === undefined
      ? `${name}: section missing${split.ended ? '' : ' (output truncated)'}`
      : section.state === 'ok' ? undefined : `${name}: ${section.reason}`;
    if (why !== undefined) {
      for (const key of subjects) out.missing(key, why);
      return;
    }
    bodies.push((section as { lines: string[] }).lines);
  }
  const mine = new Out();
  try {
    item.parse(bodies, mine, spec);
  } catch (e) {
    const why = e instanceof PollParseError ? e.message : `${item.sections[0]}: parser failed: ${(e as Error)?.message ?? String(e)}`;
    for (const key of subjects) out.missing(key, why);
    return;
  }
  for (const [key, value] of mine.host) out.host.set(key, value);
  out.devices.push(...mine.devices);
  out.unavailable.push(...mine.unavailable);
  out.files.push(...mine.files);
  if (mine.bootId !== null) out.bootId = mine.bootId;
  if (mine.modules !== null) out.modules = mine.modules;
  // A key the section should have given but did not: said so, never left silent.
  for (const key of item.keys) {
    const given = mine.host.has(key) || mine.devices.some((d) => d.measurement === key) || mine.unavailable.some((u) => u.key === key);
    if (!given) out.missing(key, `${item.sections[0]}: no value in the output`);
  }
}

/** Without a boot id a counter that went down cannot be told from a reboot: none is given. */
function withholdCounters(out: Out): void {
  const why = 'counter withheld: no boot id to tell a reboot from a reset';
  for (const key of [...out.host.keys()]) {
    if (isCounter(key)) {
      out.host.delete(key);
      out.missing(key, why);
    }
  }
  const kept = out.devices.filter((d) => !isCounter(d.measurement));
  for (const d of out.devices) if (isCounter(d.measurement)) out.missing(d.measurement, why, d.device);
  out.devices.splice(0, out.devices.length, ...kept);
}
