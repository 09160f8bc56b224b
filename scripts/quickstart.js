#!/usr/bin/env node
'use strict';
// `npm start`: a working local Tally from a fresh clone, in one command.
//
// Installs and builds when needed, keeps local state in .tally/ (keys, embedded
// PostgreSQL data, Redis data), starts the API and the worker, waits until the API is
// ready and prints how to use it. Ctrl+C stops everything, in order.
//
// Only Node built-ins are loaded up front: this runs before `npm ci` has.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { color, log, pipeWithPrefix } = require('./lib/ui');
const { isPortFree, httpGet, waitFor } = require('./lib/net');
const { stopChild, ProcessLedger } = require('./lib/processes');
const { dependenciesStale, installDependencies, buildStale, runBuild, ENTRY_POINTS } = require('./lib/build');
const { loadOrCreateSecrets } = require('./lib/secrets');

const ROOT = path.resolve(__dirname, '..');
const STATE = path.join(ROOT, '.tally');
const SECRETS_FILE = path.join(STATE, 'secrets.env');
const PG_DIR = path.join(STATE, 'pg');
const READY_TIMEOUT_MS = 180_000;

const services = {}; // name → ChildProcess, for the API and the worker
const stores = []; // { name, stop } for the stores we started (PostgreSQL, Redis)
const STOP_ORDER = ['postgres', 'redis']; // after the API and worker: the database, then the queue
const ledger = new ProcessLedger(path.join(STATE, 'processes.json'));
let shuttingDown = null; // the shutdown promise, once one began
let shutdownReason;
let firstSignalAt = 0;

async function main() {
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 20) throw new Error(`Node.js 20 or newer is required (this is ${process.version})`);
  fs.mkdirSync(STATE, { recursive: true });
  // As root, the embedded PostgreSQL runs as `postgres` and must be able to enter .tally/
  // (what is private in it, secrets.env, is mode 0600 itself).
  if (process.getuid?.() === 0) fs.chmodSync(STATE, fs.statSync(STATE).mode | 0o711);
  const other = ledger.runningOwner();
  if (other) throw new Error(`another \`npm start\` (pid ${other}) is running this instance; stop it first (Ctrl+C there, or kill ${other})`);
  await ledger.stopLeftovers(log);
  ledger.record('owner', process.pid, 'quickstart.js');
  const http = { host: process.env.HOST?.trim() || '127.0.0.1', port: process.env.PORT?.trim() || '3000' };
  if (!/^\d+$/.test(http.port) || Number(http.port) < 1 || Number(http.port) > 65535) throw new Error(`PORT must be a port number (got "${http.port}")`);
  if (!(await isPortFree(Number(http.port), http.host))) {
    throw new Error(`port ${http.port} on ${http.host} is in use. Stop what uses it, or run: PORT=<port> npm start`);
  }

  const installWhy = dependenciesStale(ROOT);
  if (installWhy) {
    log.step(`Installing dependencies (${installWhy})`);
    if (!installDependencies(ROOT)) throw new Error('installing dependencies failed (see above)');
  }
  const buildWhy = buildStale(ROOT);
  if (buildWhy) {
    log.step(`Building (${buildWhy}): npm run build`);
    const ms = runBuild(ROOT);
    if (ms === null) throw new Error('npm run build failed (see above)');
    log.info(`Built in ${(ms / 1000).toFixed(1)}s`);
  }

  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  const usingOwnDatabase = Boolean(process.env.DATABASE_URL?.trim());
  if (!usingOwnDatabase && fs.existsSync(path.join(PG_DIR, 'PG_VERSION')) && !fs.existsSync(SECRETS_FILE)) {
    throw new Error(
      `${rel(SECRETS_FILE)} is missing, but ${rel(PG_DIR)} holds data encrypted with the keys it held.\n` +
        `  Restore the file, or start over with an empty database: rm -rf ${rel(STATE)} && npm start`,
    );
  }
  const secrets = loadOrCreateSecrets(SECRETS_FILE);
  if (secrets.created.includes('TALLY_ADMIN_KEY')) log.info(`Generated local keys in ${rel(SECRETS_FILE)} (mode 0600)`);

  // Redis first: when it is missing, say so before spending time on the database.
  const redis = await startRedis();
  if (shuttingDown) return;
  const database = usingOwnDatabase ? { url: process.env.DATABASE_URL.trim() } : await startDatabase(secrets.values);
  if (shuttingDown) return;

  const env = serviceEnv(secrets.values, database.url, redis.url, http);
  for (const [name, entry] of [['api', ENTRY_POINTS[0]], ['worker', ENTRY_POINTS[1]]]) {
    startService(name, entry, env);
  }

  const base = `http://${urlHost(env.HOST, '127.0.0.1')}:${env.PORT}`;
  log.info(`Waiting for ${base}/health/ready …`);
  await waitFor('the API', async () => (await httpGet(`${base}/health/ready`)).status === 200, {
    timeoutMs: READY_TIMEOUT_MS,
    intervalMs: 500,
    stop: () => (shuttingDown ? shutdownReason ?? 'shutting down' : undefined),
  });
  if (shuttingDown) return;
  printBanner({ env, secrets: secrets.values, database, redis, usingOwnDatabase });
}

async function startDatabase(values) {
  const { startEmbeddedPostgres } = require('./lib/embedded-postgres');
  const port = Number(process.env.TALLY_QUICKSTART_PG_PORT || 54329);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('TALLY_QUICKSTART_PG_PORT must be a port number');
  log.info(`Starting the embedded PostgreSQL on 127.0.0.1:${port} (data in ${rel(PG_DIR)}, log in ${rel(path.join(STATE, 'postgres.log'))})`);
  const started = Date.now();
  const pg = await startEmbeddedPostgres({
    dataDir: PG_DIR,
    port,
    password: values.TALLY_QUICKSTART_PG_PASSWORD,
    logFile: path.join(STATE, 'postgres.log'),
    log,
    stopReason: () => (shuttingDown ? 'shutting down' : undefined),
    onSpawn: (child) => {
      ledger.record('postgres', child.pid, 'postgres');
      // SIGINT is PostgreSQL's fast shutdown; SIGQUIT, its immediate one, is the fallback.
      stores.push({ name: 'postgres', child, forceSignal: 'SIGQUIT', stop: () => stopChild(child, { signal: 'SIGINT', timeoutMs: 30000, killSignal: 'SIGQUIT' }) });
      watch('postgres', child);
    },
  });
  log.info(`PostgreSQL ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return { ...pg, port };
}

async function startRedis() {
  const { ensureRedis } = require('./lib/redis');
  const redis = await ensureRedis({
    env: process.env,
    stateDir: STATE,
    log,
    stopReason: () => (shuttingDown ? 'shutting down' : undefined),
    onSpawn: (child) => {
      ledger.record('redis', child.pid, 'redis-server');
      stores.push({ name: 'redis', child, forceSignal: 'SIGKILL', stop: () => stopChild(child, { signal: 'SIGTERM', timeoutMs: 15000 }) });
      watch('redis', child);
    },
  });
  if (!redis.started) log.info(`Using the Redis at ${redis.url.replace(/:[^:@/]*@/, ':***@')}`);
  return redis;
}

/** The environment of the API and the worker: yours, completed with the local instance's. */
function serviceEnv(values, databaseUrl, redisUrl, http) {
  const env = { ...process.env };
  for (const name of ['TALLY_SECRET_KEYS', 'TALLY_ADMIN_KEY']) {
    if (!env[name]?.trim()) env[name] = values[name];
  }
  env.NODE_ENV ||= 'development';
  // Loopback unless told otherwise: this instance has a well-known admin key on disk.
  env.HOST = http.host;
  env.PORT = http.port;
  env.DATABASE_URL = databaseUrl;
  env.REDIS_URL = redisUrl;
  return env;
}

function startService(name, entry, env) {
  const tint = name === 'api' ? color.green : color.blue;
  const child = spawn(process.execPath, [path.join(ROOT, entry)], {
    cwd: ROOT,
    env,
    detached: true, // own process group: Ctrl+C reaches only us, and we stop it in order
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  services[name] = child;
  ledger.record(name, child.pid, entry);
  pipeWithPrefix(child.stdout, name, tint);
  pipeWithPrefix(child.stderr, name, tint, process.stderr);
  watch(name, child);
}

/** Any of our processes ending on its own is fatal: stop the rest and exit non-zero. */
function watch(name, child) {
  const report = (why) => {
    if (shuttingDown) return;
    log.error(`${name} ${why}; stopping everything`);
    shutdown(1, `${name} ${why}`);
  };
  child.once('error', (err) => report(`could not start: ${err.message}`));
  child.once('exit', (code, signal) => report(`exited (${signal ?? `code ${code}`})`));
}

function onSignal(signal) {
  if (!shuttingDown) {
    firstSignalAt = Date.now();
    console.log('');
    log.step(`${signal} received: stopping the API and worker, then the databases (Ctrl+C again to force)`);
    shutdown(0, signal);
    return;
  }
  // `npm start` forwards the terminal's SIGINT to us, so one Ctrl+C can arrive twice.
  if (Date.now() - firstSignalAt < 1500) return;
  log.warn('Forcing shutdown');
  for (const child of Object.values(services)) child.kill('SIGKILL');
  for (const store of stores) store.child.kill(store.forceSignal);
  process.exit(1);
}

/** API and worker first (they use the stores), then PostgreSQL, then Redis. */
function shutdown(code, reason) {
  if (shuttingDown) return shuttingDown;
  shutdownReason = reason;
  shuttingDown = (async () => {
    await Promise.all(
      Object.entries(services).map(async ([name, child]) => {
        if (!(await stopChild(child, { signal: 'SIGTERM', timeoutMs: 15000 }))) log.warn(`${name} did not stop in 15s; killed`);
        ledger.forget(name);
      }),
    );
    if (Object.keys(services).length) log.info('API and worker stopped');
    for (const store of [...stores].sort((a, b) => STOP_ORDER.indexOf(a.name) - STOP_ORDER.indexOf(b.name))) {
      await store.stop();
      ledger.forget(store.name);
      log.info(`${store.name === 'postgres' ? 'PostgreSQL' : 'Redis'} stopped`);
    }
    ledger.clear();
    if (Object.keys(services).length || stores.length) log.info(code === 0 ? 'Stopped.' : 'Stopped after a failure (see above).');
    process.exit(code);
  })();
  return shuttingDown;
}

function printBanner({ env, secrets, database, redis, usingOwnDatabase }) {
  const base = `http://${urlHost(env.HOST, 'localhost')}:${env.PORT}`;
  const key = env.TALLY_ADMIN_KEY;
  const keySource =
    key === secrets.TALLY_ADMIN_KEY ? `stored in ${rel(SECRETS_FILE)}` : 'from TALLY_ADMIN_KEY in your environment';
  const row = (label, value) => `  ${color.bold(label.padEnd(13))}${value}`;
  const lines = [
    '',
    color.green(color.bold('  Tally is running.')),
    '',
    row('API', `${base}/api/v1`),
    row('Swagger UI', `${base}/api/docs`),
    row('OpenAPI JSON', `${base}/api/docs-json`),
    row('Billing page', `${base}/billing/`),
    row('Status page', `${base}/status/`),
    row('Admin key', key),
    row('', color.dim(`(${keySource}; it can do everything, keep it private)`)),
    row(
      'PostgreSQL',
      usingOwnDatabase ? 'your DATABASE_URL' : `embedded, 127.0.0.1:${database.port}, database "tally", data in ${rel(PG_DIR)}`,
    ),
    row('Redis', redis.started ? `${redis.url}, started here, data in ${rel(path.join(STATE, 'redis'))}` : redis.url.replace(/:[^:@/]*@/, ':***@')),
    '',
    '  Try it:',
    `    curl -s -H "Authorization: Bearer ${key}" ${base}/api/v1/clients`,
    '',
    color.dim('  Press Ctrl+C to stop. Your data stays in .tally/ for the next `npm start`.'),
    '',
  ];
  console.log(lines.join('\n'));
}

/** Host part of a URL reaching the API: loopback when it listens on every address. */
function urlHost(host, loopback) {
  if (['0.0.0.0', '::', '127.0.0.1', 'localhost'].includes(host)) return loopback;
  return host.includes(':') ? `[${host}]` : host;
}

function rel(p) {
  return path.relative(process.cwd(), p) || '.';
}

main().catch((err) => {
  if (shuttingDown && shutdownReason) return; // the shutdown in progress reports and exits
  log.error(err.message);
  shutdown(1, err.message);
});
