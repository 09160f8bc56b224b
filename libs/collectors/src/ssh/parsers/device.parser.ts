import { PollParseError } from '../poll-parse.error';
import { SshMeasurementKey } from '../ssh-measurements';
import { Item } from './item';
import { clip, Out, uint } from './values';

/** Plausible sensor range: a driver that reports -273 °C or 6000 °C is not measuring anything. */
const PLAUSIBLE_C = { min: -100, max: 250 };

/**
 * Linux `temps` lines: `hwmon <dir> <tempN> <millidegrees|-> <chip> <label…>` and
 * `zone <dir> - <millidegrees|-> <type>`. A sensor is `<chip>/<label or tempN>` or
 * `zone/<type>`; a name used twice gets its directory appended (`nvme/Composite#hwmon3`).
 */
const linuxTemps: Item = {
  sections: ['temps'],
  keys: ['temp.celsius'],
  parse([lines], out) {
    const sensors: { name: string; dir: string; raw: string }[] = [];
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      if (f[0] === 'hwmon' && f.length >= 5) sensors.push({ dir: f[1], raw: f[3], name: `${f[4]}/${f.slice(5).join(' ') || f[2]}` });
      else if (f[0] === 'zone' && f.length >= 5) sensors.push({ dir: f[1], raw: f[3], name: `zone/${f.slice(4).join(' ')}` });
      else throw new PollParseError('temps', `unexpected line "${clip(line)}"`);
    }
    if (sensors.length === 0) {
      out.missing('temp.celsius', 'no temperature sensors (no hwmon temp*_input, no thermal zone)');
      return;
    }
    const uses = new Map<string, number>();
    for (const s of sensors) uses.set(s.name, (uses.get(s.name) ?? 0) + 1);
    for (const s of sensors) {
      const name = uses.get(s.name)! > 1 ? `${s.name}#${s.dir}` : s.name;
      celsius(out, name, /^-?\d{1,9}$/.test(s.raw) ? Number(s.raw) / 1000 : undefined, s.raw);
    }
  },
};

export function celsius(out: Out, sensor: string, value: number | undefined, raw: string): void {
  if (value === undefined) out.missing('temp.celsius', `unreadable: "${clip(raw)}"`, sensor);
  else if (value < PLAUSIBLE_C.min || value > PLAUSIBLE_C.max) out.missing('temp.celsius', `implausible reading ${value} °C`, sensor);
  else out.device('temp.celsius', sensor, value);
}

const MIB = 1024 * 1024;
const GPU_FIELDS: readonly [SshMeasurementKey, number, number][] = [
  // key, CSV column, factor
  ['gpu.util', 3, 1],
  ['gpu.memory.used', 4, MIB],
  ['gpu.memory.total', 5, MIB],
  ['gpu.temp', 6, 1],
  ['gpu.power', 7, 1],
];

/**
 * `nvidia-smi --query-gpu=index,uuid,name,utilization.gpu,memory.used,memory.total,
 * temperature.gpu,power.draw --format=csv,noheader,nounits`. A GPU is named by its UUID,
 * which survives reboots and reordering; "[N/A]" and "[Not Supported]" are reasons.
 */
const gpu: Item = {
  sections: ['gpu'],
  keys: GPU_FIELDS.map(([key]) => key),
  parse([lines], out) {
    if (lines.length === 0) throw new PollParseError('gpu', 'nvidia-smi listed no GPU');
    for (const line of lines) {
      const cells = line.split(',').map((c) => c.trim());
      if (cells.length < 8) throw new PollParseError('gpu', `expected 8 fields, got ${cells.length}: "${clip(line)}"`);
      // A name with a comma in it spreads over several cells; the numbers are the last five.
      const values = cells.slice(-5);
      const [index, uuid] = cells;
      if (!/^\d{1,4}$/.test(index)) throw new PollParseError('gpu', `not a GPU index: "${clip(index)}"`);
      const device = /^(GPU|MIG)-[0-9A-Fa-f-]{8,64}$/.test(uuid) ? uuid : `gpu${index}`;
      GPU_FIELDS.forEach(([key, , factor], i) => {
        const text = values[i];
        if (/^-?\d{1,12}(\.\d{1,6})?$/.test(text)) out.device(key, device, Number(text) * factor);
        else out.missing(key, `nvidia-smi: ${clip(text, 40)}`, device);
      });
    }
  },
};

/** `<i> ok SIZE MTIME SHA256|- [why]` or `<i> err WHY`, one line per configured path. */
const files: Item = {
  sections: ['files'],
  keys: ['file.size', 'file.mtime'],
  facts: ['file.sha256'],
  parse([lines], out, spec) {
    const byIndex = new Map<number, string>();
    for (const line of lines) {
      const m = /^(\d{1,3}) (ok|err) (.*)$/.exec(line);
      if (m && !byIndex.has(Number(m[1]))) byIndex.set(Number(m[1]), `${m[2]} ${m[3]}`);
    }
    spec.files.forEach((path, i) => {
      const answer = byIndex.get(i);
      const miss = (reason: string) => {
        for (const key of ['file.size', 'file.mtime', 'file.sha256']) out.missing(key, reason, path);
      };
      if (answer === undefined) return miss('no answer for this file');
      if (answer.startsWith('err ')) return miss(clip(answer.slice(4), 120));
      const m = /^ok (\d{1,18}) (\d{1,12}) (\S+)(?: (.*))?$/.exec(answer);
      if (!m) return miss(`unreadable answer "${clip(answer)}"`);
      const size = uint('files', m[1], 'size');
      const mtime = uint('files', m[2], 'mtime');
      const sha = /^[0-9a-f]{64}$/.test(m[3]) ? m[3] : null;
      out.device('file.size', path, size);
      out.device('file.mtime', path, mtime);
      if (sha === null) out.missing('file.sha256', m[4] ? clip(m[4], 120) : `not a SHA-256: "${clip(m[3])}"`, path);
      out.files.push({ path, size, mtime, sha256: sha });
    });
  },
};

/** `<i> <count>` per check, then `seen <processes listed>`: no processes listed means ps failed. */
const processChecks: Item = {
  sections: ['proc_checks'],
  keys: ['proc.check'],
  parse([lines], out, spec) {
    const counts = new Map<number, number>();
    let seen: number | undefined;
    for (const line of lines) {
      const m = /^(\d{1,3}|seen) (\d{1,9})$/.exec(line.trim());
      if (!m) throw new PollParseError('proc_checks', `unexpected line "${clip(line)}"`);
      if (m[1] === 'seen') seen = Number(m[2]);
      else counts.set(Number(m[1]), Number(m[2]));
    }
    if (!seen) throw new PollParseError('proc_checks', 'ps listed no processes');
    spec.processChecks.forEach((check, i) => {
      const n = counts.get(i);
      if (n === undefined) out.missing('proc.check', 'no answer for this check', check.label);
      else out.device('proc.check', check.label, n);
    });
  },
};

/** What every platform reads alike. */
export const DEVICE_ITEMS = { linuxTemps, gpu, files, processChecks } as const;
