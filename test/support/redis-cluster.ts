import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { freePort } from './net';

const run = promisify(execFile);

export interface TestRedisCluster {
  ports: number[];
  /** REDIS_CLUSTER_NODES for these masters. */
  nodes: string;
  stop(): Promise<void>;
}

/**
 * A Redis Cluster of three masters from `redis-server --cluster-enabled yes` on free loopback
 * ports (bus ports chosen too, since port + 10000 may not exist), joined with
 * `redis-cli --cluster create`. No persistence; its dir is removed on stop.
 */
export async function startRedisCluster(masters = 3): Promise<TestRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'tally-rcluster-'));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    })));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const [port, bus] = [await freePort(), await freePort()];
      ports.push(port);
      children.push(spawn('redis-server', [
        '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-port', String(bus),
        '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--save', '', '--appendonly', 'no', '--dir', dir,
      ], { stdio: 'ignore' }));
    }
    await Promise.all(ports.map(answers));
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
    await Promise.all(ports.map(clusterOk));
  } catch (e) {
    await stop();
    throw e;
  }
  return { ports, nodes: ports.map((p) => `127.0.0.1:${p}`).join(','), stop };
}

async function answers(port: number): Promise<void> {
  await until(port, async (r) => (await r.ping()) === 'PONG', 'answer');
}

/** Every node agrees the cluster is up (all slots covered) before anyone uses it. */
async function clusterOk(port: number): Promise<void> {
  await until(port, async (r) => /cluster_state:ok/.test(String(await r.call('CLUSTER', 'INFO'))), 'report cluster_state:ok');
}

async function until(port: number, probe: (r: Redis) => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await r.connect();
      if (await probe(r)) return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not ${what}: ${(e as Error).message}`);
    } finally {
      r.disconnect();
    }
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not ${what}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}
