import fc from 'fast-check';
import { readFileSync } from 'fs';
import { join } from 'path';
import { PollParseError } from './poll-parse.error';
import { parseSshOutput, SshReading } from './ssh-output.parser';
import { EMPTY_POLL_SPEC, SshPollSpec } from './ssh-poll-spec';

// Property tests over the real fixtures: whatever a host prints, the parser returns a reading
// or says the output had no section; it never throws anything else, never yields NaN or
// Infinity, never reads a value from a section it cannot trust.
const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const SPEC: SshPollSpec = {
  files: ['/etc/hostname', '/etc/no-such-file'],
  processChecks: [{ label: 'init', process: 'init' }, { label: 'root', user: 'root' }, { label: 'nobody-sshd', user: 'nobody', commandLine: 'sshd' }],
};
const machine = fixture('linux-this-machine.txt');
const FIXTURES: [string, string, SshPollSpec][] = [
  ['debian-12-vm', fixture('debian-12-vm.txt'), EMPTY_POLL_SPEC],
  ['this machine', machine, SPEC],
  ['two GPUs', machine.replace('@@tally gpu\n@@tally-none nvidia-smi not found\n', `@@tally gpu\n${fixture('nvidia-smi-two-gpus.csv')}`), SPEC],
  ['freebsd', fixture('freebsd-14.txt'), EMPTY_POLL_SPEC],
  ['macos', fixture('macos.txt'), EMPTY_POLL_SPEC],
];

/** The parse, or null when the whole output was refused (the only error allowed). */
function parse(output: string, spec: SshPollSpec): SshReading | null {
  try {
    return parseSshOutput(output, spec);
  } catch (e) {
    if (e instanceof PollParseError) return null;
    throw e;
  }
}

function expectFinite(r: SshReading | null) {
  if (!r) return;
  const bad = [...Object.entries(r.host), ...r.devices.map((d) => [d.measurement, d.value] as const)].filter(([, v]) => !Number.isFinite(v));
  if (bad.length) expect(bad).toEqual([]);
}

/** Keys of `a` whose value `b` does not hold (one expect per case: expect() is slow in loops). */
function differences(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  return [...a].filter(([k, v]) => b.get(k) !== v).map(([k, v]) => `${k}: ${String(v)} vs ${String(b.get(k))}`);
}
const asMap = (host: object) => new Map(Object.entries(host));

const valuesOf = (r: SshReading) => ({
  host: r.host,
  devices: new Map(r.devices.map((d) => [`${d.measurement}|${d.device}`, d.value])),
});

/** Section blocks of an output, each from its marker to the next. */
function blocks(output: string): { head: string; blocks: string[]; tail: string } {
  const end = output.indexOf('@@tally-end');
  const body = output.slice(0, end);
  const parts = body.split(/(?=^@@tally )/m);
  return { head: parts[0].startsWith('@@tally ') ? '' : parts.shift()!, blocks: parts, tail: output.slice(end) };
}

// Host-ish noise: markers, numbers of every shape, separators, control bytes.
const fragment = fc.oneof(
  fc.constantFrom('@@tally ', '@@tally df', '@@tally-error 1 x', '@@tally-none gone', '@@tally-end', '\n', ' ', ':', '|', '%', '-', '/',
    'NaN', 'Infinity', '1e999', '-1', '0x10', '9007199254740993', '18446744073709551615', '[N/A]', 'kB', 'cpu ', 'total ', '<Link#1>', '\u0000', '\r'),
  fc.string({ maxLength: 12 }),
  fc.nat().map(String),
);
const noise = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));
const params = { numRuns: 200 };

describe.each(FIXTURES)('parsing %s output', (_name, output, spec) => {
  const full = parseSshOutput(output, spec);

  it('survives any garbage: a reading or a refusal, never an exception, never NaN', () => {
    fc.assert(fc.property(noise, (text) => expectFinite(parse(text, spec))), params);
    fc.assert(fc.property(noise, noise, (a, b) => expectFinite(parse(`${a}${output}${b}`, spec))), params);
  });

  it('cut anywhere, keeps only values equal to the whole output’s', () => {
    const whole = valuesOf(full);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: output.length }), (at) => {
        const r = parse(output.slice(0, at), spec);
        expectFinite(r);
        if (!r) return;
        const cut = valuesOf(r);
        const wrong = [...differences(asMap(cut.host), asMap(whole.host)), ...differences(cut.devices, whole.devices)];
        if (wrong.length) expect(wrong).toEqual([]);
      }),
      params,
    );
  });

  it('reads sections in any order to the same values', () => {
    const { head, blocks: parts, tail } = blocks(output);
    fc.assert(
      fc.property(fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length }), (shuffled) => {
        const r = parse(`${head}${shuffled.join('')}${tail}`, spec)!;
        expect(r.host).toEqual(full.host);
        expect(valuesOf(r).devices).toEqual(valuesOf(full).devices);
      }),
      params,
    );
  });

  it('a section replaced by garbage costs only the measurements read from it, each with a reason', () => {
    const { head, blocks: parts, tail } = blocks(output);
    fc.assert(
      fc.property(fc.nat({ max: parts.length - 1 }), noise, (i, garbage) => {
        const name = parts[i].slice('@@tally '.length, parts[i].indexOf('\n'));
        const others = parts.filter((_, j) => j !== i);
        // What depends on this section: gone when the section is left out altogether.
        const without = parse(`${head}${others.join('')}${tail}`, spec);
        const broken = parse(`${head}${[...others, `@@tally ${name}\n${garbage.replace(/@@tally/g, '@@x')}\n`].join('')}${tail}`, spec);
        expectFinite(broken);
        if (!without || !broken) return;
        const [w, b, f] = [valuesOf(without), valuesOf(broken), valuesOf(full)];
        // Everything read from other sections is untouched by the garbage.
        const changed = [...differences(asMap(w.host), asMap(b.host)), ...differences(w.devices, b.devices)];
        // Every measurement the whole output gave is still given or explained, never silently gone.
        const explained = new Set(broken.unavailable.filter((u) => u.reason.length > 0).map((u) => u.key));
        const silent = Object.keys(f.host).filter((key) => !(key in b.host) && !explained.has(key));
        if (changed.length || silent.length) expect({ changed, silent }).toEqual({ changed: [], silent: [] });
      }),
      params,
    );
  });
});
