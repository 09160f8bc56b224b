'use strict';
// Console output for the quick start: one prefix per source, colours only on a terminal.
const readline = require('node:readline');

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : String(text));
const color = {
  bold: paint('1'),
  dim: paint('2'),
  red: paint('31'),
  green: paint('32'),
  yellow: paint('33'),
  blue: paint('34'),
  magenta: paint('35'),
  cyan: paint('36'),
};

const PAD = 12;
function prefix(name, tint = color.cyan) {
  return tint(`[${name}]`.padEnd(PAD));
}

const own = prefix('quickstart', color.magenta);
// Every line of a multi-line message carries the prefix, so `grep quickstart` finds it all.
const lines = (msg, tint) => String(msg).split('\n').map((line) => `${own} ${tint(line)}`).join('\n');
const log = {
  info: (msg) => console.log(lines(msg, (l) => l)),
  warn: (msg) => console.warn(lines(msg, color.yellow)),
  error: (msg) => console.error(lines(msg, color.red)),
  step: (msg) => console.log(lines(msg, color.bold)),
};

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const LEVEL_TINT = { 40: color.yellow, 50: color.red, 60: color.red };

/**
 * Pino writes one JSON object per line; show it as "time LEVEL [context] message" so two
 * interleaved services stay readable. Anything that is not a pino line passes unchanged.
 * TALLY_QUICKSTART_RAW_LOGS=1 turns this off.
 */
function formatLine(line) {
  if (process.env.TALLY_QUICKSTART_RAW_LOGS === '1' || !line.startsWith('{')) return line;
  let rec;
  try {
    rec = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof rec !== 'object' || rec === null || typeof rec.level !== 'number') return line;
  const time = new Date(rec.time ?? Date.now()).toISOString().slice(11, 19);
  const level = (LEVEL_TINT[rec.level] ?? ((s) => s))((LEVELS[rec.level] ?? String(rec.level)).padEnd(5));
  const context = rec.context ? color.dim(`[${rec.context}] `) : '';
  let text = rec.msg ?? '';
  if (rec.req && rec.res) {
    text = `${rec.req.method} ${rec.req.url} → ${rec.res.statusCode} ${rec.responseTime ?? '?'}ms ${text}`.trim();
  }
  const err = rec.err ?? rec.error;
  const stack = err && typeof err === 'object' && err.stack ? `\n${err.stack}` : '';
  return `${color.dim(time)} ${level} ${context}${text}${stack}`;
}

/** Copies a child's output to ours, line by line, each line prefixed with the service name. */
function pipeWithPrefix(stream, name, tint, out = process.stdout) {
  const tag = prefix(name, tint);
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    for (const part of formatLine(line).split('\n')) out.write(`${tag} ${part}\n`);
  });
}

module.exports = { color, log, prefix, pipeWithPrefix, formatLine };
