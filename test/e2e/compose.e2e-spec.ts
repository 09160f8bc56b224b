import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { parse } from 'yaml';
import { PG_ADMIN_URL, TEST_ENV } from '../setup/test-env';
import { freePort } from '../support/net';
import { ROOT } from '../support/processes';

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: string;
  secrets?: string[];
  ports?: string[];
  read_only?: boolean;
  networks?: string[];
  healthcheck?: { test: string[]; interval?: string; retries?: number };
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean }>;
  secrets: Record<string, { file: string }>;
};
const { services } = compose;

/** Runs a healthcheck's test as Docker would (CMD: the argv; CMD-SHELL: through sh), resolving its exit code. */
function probe(test: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  const [kind, ...rest] = test;
  const argv = kind === 'CMD-SHELL' ? ['sh', '-c', rest.join(' ')] : rest.map((a, i) => (i === 0 && a === 'node' ? process.execPath : a));
  return new Promise((resolve) => {
    execFile(argv[0], argv.slice(1), { cwd: ROOT, env, timeout: 10_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout + stderr }));
  });
}

/**
 * docker-compose.yml, checked three ways, since no container engine runs here: what it
 * promises (pinned images, read-only root filesystems, a healthcheck on every service,
 * secrets as files, nothing published but the API on loopback); that a real Compose
 * implementation accepts it (docker-compose from Debian, `config`); and that the tally
 * services' commands, started as processes with the environment the file gives them — its
 * variables, its env_file, its secrets mounted as files — come up, and the healthchecks the
 * file declares for every service pass (and fail once a service is stopped). Only addresses
 * change: PostgreSQL and Redis are the local ones, the secrets directory is a temporary one,
 * and the API's port is a free one.
 */
describe('docker-compose.yml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tally-compose-'));
  const database = `${new URL(TEST_ENV.DATABASE_URL).pathname.slice(1)}_compose`;
  const queuePrefix = `tally-compose-${process.pid}`;
  const running = new Map<string, ChildProcess>();
  const envs = new Map<string, Record<string, string>>();
  const output = new Map<string, string>();
  let apiPort: number;

  beforeAll(async () => {
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    apiPort = await freePort();
  });

  afterAll(async () => {
    for (const child of running.values()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const redis = new Redis(TEST_ENV.REDIS_URL);
    const keys = await redis.keys(`${queuePrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pins every image, runs every service read-only with a healthcheck, and publishes only the API, on loopback', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'postgres', 'redis', 'worker']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(services.postgres.image).toMatch(/^postgres:\d+\.\d+-[a-z]+$/);
    expect(services.redis.image).toMatch(/^redis:\d+\.\d+\.\d+-[a-z]+$/);
    expect(services.api.image).toBe(`tally:${pkg.version}`);
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/^ARG NODE_VERSION=24\.\d+\.\d+$/m);
    for (const [name, s] of Object.entries(services)) {
      expect({ name, readOnly: s.read_only, healthcheck: !!s.healthcheck?.test }).toEqual({ name, readOnly: true, healthcheck: true });
    }
    expect(services.postgres.ports).toBeUndefined();
    expect(services.redis.ports).toBeUndefined();
    expect(services.worker.ports).toBeUndefined();
    expect(services.api.ports).toEqual(['${TALLY_HTTP_BIND:-127.0.0.1}:${TALLY_HTTP_PORT:-3000}:3000']);
    // The stores are on an internal network only; the worker also reaches out (SSH, RAPI).
    expect(compose.networks.backend.internal).toBe(true);
    expect(services.postgres.networks).toEqual(['backend']);
    expect(services.redis.networks).toEqual(['backend']);
    // No secret in the environment: each comes as a file.
    for (const name of ['api', 'worker']) {
      const env = services[name].environment!;
      for (const secret of ['DATABASE_URL', 'TALLY_SECRET_KEYS', 'TALLY_ADMIN_KEY']) expect(env[secret]).toBeUndefined();
      expect(env.DATABASE_URL_FILE).toBe('/run/secrets/database_url');
    }
  });

  /** A project directory as docs/deployment.md makes it: the file, tally.env and ./secrets/. */
  function project(): Record<string, string> {
    cpSync(join(ROOT, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
    writeFileSync(join(dir, 'tally.env'), 'LOG_LEVEL=info\n');
    mkdirSync(join(dir, 'secrets'), { mode: 0o700, recursive: true });
    const dbUrl = new URL(PG_ADMIN_URL);
    dbUrl.pathname = `/${database}`;
    const values: Record<string, string> = {
      postgres_password: randomBytes(24).toString('hex'),
      database_url: dbUrl.toString(), // postgres://tally:…@postgres:5432/tally, at the local server
      tally_secret_keys: `1:${randomBytes(32).toString('base64')}`,
      tally_admin_key: `tally_${randomBytes(32).toString('base64url')}`,
    };
    for (const [name, value] of Object.entries(values)) writeFileSync(join(dir, compose.secrets[name].file), `${value}\n`, { mode: 0o644 });
    return values;
  }

  it('is accepted by docker-compose (config), with its secrets and tally.env in place', () => {
    project();
    const which = spawnSync('sh', ['-c', 'command -v docker-compose']);
    if (which.status !== 0) throw new Error('docker-compose is not installed: apt-get install docker-compose (.ci/run installs it)');
    const res = spawnSync('docker-compose', ['config', '--quiet'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH! } });
    expect({ code: res.status, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    // And it refuses a broken file, so the check above means something.
    writeFileSync(join(dir, 'broken.yml'), readFileSync(join(dir, 'docker-compose.yml'), 'utf8').replace('read_only: true', 'read_only: sometimes'));
    expect(spawnSync('docker-compose', ['-f', 'broken.yml', 'config', '--quiet'], { cwd: dir, encoding: 'utf8' }).status).not.toBe(0);
  });

  /** A tally service's environment as the container gets it, with only addresses made local. */
  function environmentOf(name: string): Record<string, string> {
    const s = services[name];
    const env: Record<string, string> = { PATH: process.env.PATH!, TALLY_QUEUE_PREFIX: queuePrefix };
    for (const line of readFileSync(join(dir, s.env_file!), 'utf8').split('\n')) {
      const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
      if (m) env[m[1]] = m[2];
    }
    for (const [key, value] of Object.entries(s.environment ?? {})) {
      expect(value).not.toMatch(/\$\{/); // nothing left for Compose to interpolate
      env[key] = value;
    }
    // Secrets are mounted at /run/secrets/<name>; here they are the project's files.
    for (const [key, value] of Object.entries(env)) {
      const secret = /^\/run\/secrets\/(\w+)$/.exec(value)?.[1];
      if (secret) {
        expect(s.secrets).toContain(secret);
        env[key] = join(dir, compose.secrets[secret].file);
      }
    }
    env.REDIS_URL = env.REDIS_URL.replace('redis://redis:6379', TEST_ENV.REDIS_URL);
    if (env.HOST) env.HOST = '127.0.0.1'; // the container's 0.0.0.0 is its own; here, loopback
    if (env.PORT) env.PORT = String(apiPort);
    if (env.TALLY_WORKER_HEALTH_PATH) env.TALLY_WORKER_HEALTH_PATH = join(dir, 'tmp', 'tally-worker-health.json'); // the tmpfs
    if (env.TALLY_SPOOL_DIR) env.TALLY_SPOOL_DIR = join(dir, 'spool'); // the worker-spool volume
    return env;
  }

  const start = (name: string) => {
    const env = environmentOf(name);
    const [cmd, ...args] = services[name].command!;
    expect(cmd).toBe('node');
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    output.set(name, '');
    child.stdout!.on('data', (d) => output.set(name, output.get(name) + d));
    child.stderr!.on('data', (d) => output.set(name, output.get(name) + d));
    running.set(name, child);
    envs.set(name, env);
  };
  /** The service's declared healthcheck, with the container's port 3000 made the API's local one. */
  const health = (name: string) => {
    const test = services[name].healthcheck!.test.map((a) => a.replace('127.0.0.1:3000', `127.0.0.1:${apiPort}`));
    return probe(test, envs.get(name) ?? { PATH: process.env.PATH! });
  };
  const healthy = async (name: string, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await health(name);
      if (res.code === 0) return res;
      const child = running.get(name);
      if (child && child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output.get(name)}`);
      if (Date.now() > deadline) throw new Error(`${name} never became healthy: ${res.out}\n${output.get(name)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  it('runs the api and worker commands with the environment the file gives them, and every declared healthcheck passes', async () => {
    const secrets = project();
    // PostgreSQL's and Redis's own checks, against the local servers.
    expect((await health('postgres')).code).toBe(0);
    expect((await health('redis')).code).toBe(0);
    for (const name of ['api', 'worker']) expect((await health(name)).code).not.toBe(0); // nothing runs yet

    start('api');
    start('worker');
    await healthy('api');
    expect((await healthy('worker')).out).toMatch(/^worker \(pid \d+\) up \d+ s ago: postgres up, redis up, processing tally-precache, tally-collect, tally-persist, tally-alerts\n$/);
    // The admin key came from its file.
    const res = await fetch(`http://127.0.0.1:${apiPort}/api/v1/clients`, { headers: { Authorization: `Bearer ${secrets.tally_admin_key}` } });
    expect(res.status).toBe(200);

    // A stopped worker is unhealthy at once; so is the API.
    for (const name of ['worker', 'api']) {
      const child = running.get(name)!;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      const after = await health(name);
      expect(after.code).not.toBe(0);
      if (name === 'worker') expect(after.out).toMatch(/the worker \(pid \d+\) is (stopping|gone)/);
    }
  }, 180_000);

  it('refuses to start when a secret is given both ways, naming both', async () => {
    project();
    const env = { ...environmentOf('worker'), DATABASE_URL: 'postgres://x@127.0.0.1/x' };
    const res = spawnSync(process.execPath, services.worker.command!.slice(1), { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('DATABASE_URL and DATABASE_URL_FILE are both set; set only one of them');
  });
});
