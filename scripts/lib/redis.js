'use strict';
// Finds a Redis for the quick start, or starts one when redis-server is installed.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { isPortFree, freePort, waitFor } = require('./net');
const { stopChild, which, tail } = require('./processes');

const DEFAULT_URL = 'redis://127.0.0.1:6379';

const INSTALL_HINT = [
  'Tally needs Redis (BullMQ queues) and none answers on 127.0.0.1:6379.',
  'Install it and run `npm start` again; the quick start then runs its own redis-server:',
  '    Debian/Ubuntu:  sudo apt-get install redis-server',
  '    macOS:          brew install redis',
  'or point Tally at a Redis you have:  REDIS_URL=redis://host:6379 npm start',
].join('\n');

function resp(...args) {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/**
 * Connects to a redis:// URL and sends PING (after AUTH when the URL has a password).
 * Resolves 'ok', 'auth' (a Redis that refused our credentials), 'other' (something that
 * is not Redis) or 'down' (nothing accepts the connection).
 */
function pingRedis(url, timeoutMs = 1500) {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(u.port || 6379);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let buffer = '';
    let settled = false;
    const done = (result) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(buffer ? 'other' : 'down'));
    socket.once('error', () => done('down'));
    socket.once('connect', () => {
      const password = decodeURIComponent(u.password);
      const user = decodeURIComponent(u.username);
      if (password) socket.write(user ? resp('AUTH', user, password) : resp('AUTH', password));
      socket.write(resp('PING'));
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      if (/^[-+]/.test(buffer) === false) return done('other');
      if (buffer.includes('+PONG')) return done('ok');
      if (/-(NOAUTH|WRONGPASS|ERR AUTH|ERR invalid password)/.test(buffer)) return done('auth');
      if (buffer.includes('\r\n') && !buffer.startsWith('+OK')) return done('other');
    });
    socket.once('close', () => done(buffer ? 'other' : 'down'));
  });
}

/**
 * Returns { url, started, stop? }. Uses REDIS_URL when set (and fails if it does not
 * answer: starting a different Redis behind the user's back would be worse). Otherwise
 * uses 127.0.0.1:6379, or starts redis-server with its data in stateDir.
 */
async function ensureRedis({ env, stateDir, log, onSpawn, stopReason }) {
  const configured = env.REDIS_URL?.trim();
  if (configured) {
    if (configured.startsWith('rediss:')) return { url: configured, started: false }; // TLS: let the app check
    const state = await pingRedis(configured);
    if (state === 'ok') return { url: configured, started: false };
    const why = { auth: 'refused the credentials in the URL', other: 'is not a Redis server', down: 'does not answer' }[state];
    throw new Error(`REDIS_URL=${redact(configured)} ${why}. Fix or unset REDIS_URL.`);
  }

  const state = await pingRedis(DEFAULT_URL);
  if (state === 'ok') return { url: DEFAULT_URL, started: false };
  if (state === 'auth') {
    throw new Error('The Redis on 127.0.0.1:6379 requires a password: set REDIS_URL=redis://:<password>@127.0.0.1:6379');
  }

  const server = which('redis-server');
  if (!server) throw new Error(INSTALL_HINT);

  const port = (await isPortFree(6379)) ? 6379 : await freePort();
  return startRedisServer({ server, port, stateDir, log, onSpawn, stopReason });
}

/** Runs redis-server on 127.0.0.1:port as a detached child with its data in stateDir/redis. */
async function startRedisServer({ server, port, stateDir, log, onSpawn, stopReason }) {
  const dataDir = path.join(stateDir, 'redis');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logFile = path.join(dataDir, 'redis.log');
  const logFd = fs.openSync(logFile, 'a', 0o600);
  fs.chmodSync(logFile, 0o600); // server logs can quote queries and client addresses
  log.info(`Starting redis-server on 127.0.0.1:${port} (data in ${path.relative(process.cwd(), dataDir)})`);
  const child = spawn(
    server,
    [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--dir', dataDir,
      '--daemonize', 'no',
      // Queue contents survive a restart of the quick start: append-only file, no snapshots.
      '--appendonly', 'yes',
      '--save', '',
      // BullMQ requires that Redis never evicts its keys.
      '--maxmemory-policy', 'noeviction',
    ],
    { detached: true, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  onSpawn?.(child, port);
  let exited;
  child.once('exit', (code, signal) => (exited = `redis-server exited (${signal ?? `code ${code}`})`));
  child.once('error', (err) => (exited = `redis-server could not start: ${err.message}`));

  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitFor('redis-server', async () => (await pingRedis(url)) === 'ok', {
      timeoutMs: 20000,
      stop: () => exited ?? stopReason?.(),
    });
  } catch (err) {
    await stopChild(child);
    throw new Error(`${err.message}\n--- last lines of ${logFile} ---\n${tail(logFile)}`);
  }
  // SIGTERM: Redis flushes the append-only file and exits.
  return { url, started: true, child, stop: () => stopChild(child, { signal: 'SIGTERM', timeoutMs: 15000 }) };
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

module.exports = { ensureRedis, startRedisServer, pingRedis, INSTALL_HINT, redact };
