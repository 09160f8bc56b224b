import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './net';

export interface TestReplicaPair {
  /** postgres:// URLs of the given database on each server. */
  primaryUrl(database: string): string;
  replicaUrl(database: string): string;
  /** Stops (and resumes) WAL replay on the replica, so it falls behind while the primary writes on. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private primary (initdb, on a free loopback port) and a streaming replica made from it
 * with pg_basebackup -R, from the Debian binaries. Private because the shared cluster's
 * pg_hba has no replication entry, and changing it would touch a service other suites use.
 * As root, the servers run as `postgres` (Postgres refuses root), in a dir it owns.
 */
export async function startReplicaPair(): Promise<TestReplicaPair> {
  const bin = postgresBin();
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'tally-pgrepl-'));
  chmodSync(dir, 0o755);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  const exec = (file: string, args: string[]) => execFileSync(join(bin, file), args, { ...owner, stdio: 'pipe', cwd: dir });
  const children: ChildProcess[] = [];
  const serve = (data: string, port: number) => {
    mkdirSync(join(dir, `sock-${port}`));
    if (owner) chownSync(join(dir, `sock-${port}`), owner.uid, owner.gid);
    const child = spawn(join(bin, 'postgres'), [
      '-D', data, '-p', String(port), '-k', join(dir, `sock-${port}`), '-c', 'listen_addresses=127.0.0.1',
      '-c', 'fsync=off', '-c', 'max_wal_senders=4', '-c', 'wal_level=replica', '-c', 'hot_standby=on',
    ], { ...owner, stdio: 'ignore', cwd: dir });
    children.push(child);
    return child;
  };
  try {
    // initdb's pg_hba with --auth=trust also trusts replication from 127.0.0.1.
    exec('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    serve(primaryDir, primaryPort);
    await answers(primaryPort, false);
    exec('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '--no-sync']);
    serve(replicaDir, replicaPort);
    await answers(replicaPort, true);
  } catch (e) {
    await stopAll(children);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const onReplica = async (sql: string) => {
    const c = new Client({ connectionString: url(replicaPort, 'postgres') });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return {
    primaryUrl: (db) => url(primaryPort, db),
    replicaUrl: (db) => url(replicaPort, db),
    pauseReplay: () => onReplica('SELECT pg_wal_replay_pause()'),
    resumeReplay: () => onReplica('SELECT pg_wal_replay_resume()'),
    stop: async () => {
      await stopAll(children);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/pg_basebackup'))) : [];
  if (!versions.length) throw new Error(`no PostgreSQL server binaries under ${root}/*/bin (apt-get install postgresql)`);
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function answers(port: number, standby: boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const c = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    try {
      await c.connect();
      const { rows } = await c.query('SELECT pg_is_in_recovery() AS standby');
      if (rows[0].standby === standby) return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`Postgres on port ${port} did not answer: ${(e as Error).message}`);
    } finally {
      await c.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Immediate shutdown (SIGQUIT): the data dirs are thrown away. */
async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((c) => new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGQUIT');
  })));
}
