'use strict';
// Child processes the quick start owns: spawn, stop in order, and clean up after a crash.
//
// Every child runs in its own process group (detached), so a Ctrl+C in the terminal reaches
// only the quick start, which then stops them in a fixed order: API and worker first,
// then PostgreSQL, then Redis. A child never sees the signal twice.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { sleep } = require('./net');

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** The command line of a running process, or undefined (Linux /proc, else ps). */
function commandOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

/** Sends signal, waits up to timeoutMs for the process to go, then sends killSignal. */
async function stopPid(pid, { signal = 'SIGTERM', timeoutMs = 10000, killSignal = 'SIGKILL' } = {}) {
  if (!isAlive(pid)) return true;
  try {
    process.kill(pid, signal);
  } catch {
    return true;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  try {
    process.kill(pid, killSignal);
  } catch {
    /* already gone */
  }
  await sleep(200);
  return false;
}

/** Like stopPid, for a ChildProcess we spawned (its 'exit' is authoritative, no polling). */
function stopChild(child, { signal = 'SIGTERM', timeoutMs = 10000, killSignal = 'SIGKILL' } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill(killSignal);
      resolve(false);
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
    child.kill(signal);
  });
}

/**
 * Remembers which processes this run started (.tally/processes.json), so that after the
 * quick start itself was killed hard (kill -9, a closed laptop), the next run can stop
 * what it left behind instead of failing on a busy port.
 */
class ProcessLedger {
  constructor(file) {
    this.file = file;
    this.entries = {};
  }

  /** The pid of another quick start still running on this checkout, if there is one. */
  runningOwner() {
    try {
      const { owner } = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      if (owner?.pid && owner.pid !== process.pid && isAlive(owner.pid) && (commandOf(owner.pid) || '').includes(owner.marker)) {
        return owner.pid;
      }
    } catch {
      /* no ledger, or an unreadable one: nobody owns the instance */
    }
    return undefined;
  }

  record(name, pid, marker) {
    this.entries[name] = { pid, marker };
    this.#write();
  }

  forget(name) {
    delete this.entries[name];
    this.#write();
  }

  /** Removes the ledger, unless it belongs to another quick start (which we refused to disturb). */
  clear() {
    if (this.entries.owner?.pid !== process.pid) return;
    this.entries = {};
    fs.rmSync(this.file, { force: true });
  }

  /** Stops processes a previous run recorded, when they still run the same command. */
  async stopLeftovers(log) {
    let previous;
    try {
      previous = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      return;
    }
    // API and worker before the stores they use, as on a normal shutdown.
    const order = ['owner', 'api', 'worker', 'postgres', 'redis'];
    const names = Object.keys(previous).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    for (const name of names) {
      if (name === 'owner') continue;
      const { pid, marker } = previous[name];
      if (!Number.isInteger(pid) || !isAlive(pid)) continue;
      const command = commandOf(pid);
      if (!command || !command.includes(marker)) continue;
      log.warn(`Stopping ${name} (pid ${pid}) left running by an earlier quick start`);
      await stopPid(pid, { signal: name === 'postgres' ? 'SIGINT' : 'SIGTERM', timeoutMs: 15000 });
    }
    fs.rmSync(this.file, { force: true });
  }

  #write() {
    fs.writeFileSync(this.file, `${JSON.stringify(this.entries, null, 2)}\n`);
  }
}

/** Absolute path of an executable on PATH, or undefined. */
function which(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** Last lines of a log file, for an error message. */
function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

module.exports = { isAlive, commandOf, stopPid, stopChild, ProcessLedger, which, tail };
