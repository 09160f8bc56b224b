import { ChildProcess, execFile, spawn } from 'child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { AddressInfo, createServer, Server, Socket } from 'net';
import { tmpdir, userInfo } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { freePort } from './net';

const run = promisify(execFile);
const SSHD = '/usr/sbin/sshd';
const HOST = '127.0.0.1';
const TEST_USER = 'tally-test';

export interface SshdOptions {
  /** Make every exec print this text instead of running the command (ForceCommand). */
  cannedOutput?: string;
  /** Or run this sh script body instead of the command (a hang, a failing exit...). */
  forceScript?: string;
}

export interface TestSshd {
  host: string;
  port: number;
  username: string;
  /** OpenSSH-format ed25519 private key listed in the server's authorized keys. */
  privateKey: string;
  /** `SHA256:...` of the server's host key, as `ssh-keygen -l` prints it. */
  hostKeyFingerprint: string;
  dir: string;
  /** Adds a public key (one authorized_keys line) the server will accept. */
  authorize(publicKey: string): void;
  stop(): Promise<void>;
}

/**
 * Starts a real OpenSSH server on a free loopback port, in its own temp dir with its own
 * config, host key and authorized keys, so parallel suites never share one. Resolves once
 * the server has sent its SSH banner.
 */
export async function startSshd(options: SshdOptions = {}): Promise<TestSshd> {
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // privilege separation dir
  const username = await loginUser();
  const dir = mkdtempSync(join(tmpdir(), 'tally-sshd-'));
  chmodSync(dir, 0o755); // sshd reads authorized keys as the logged-in user
  try {
    const hostKey = join(dir, 'host_ed25519');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'tally-test-host', '-f', hostKey]);
    const hostKeyFingerprint = await fingerprintOf(`${hostKey}.pub`);
    const client = await generateClientKey(dir, 'client');
    const authorizedKeys = join(dir, `${username}.keys`);
    writeFileSync(authorizedKeys, client.publicKey, { mode: 0o644 });
    let forceCommand = '';
    let script = options.forceScript;
    if (options.cannedOutput !== undefined) {
      writeFileSync(join(dir, 'canned.txt'), options.cannedOutput);
      script = `cat ${join(dir, 'canned.txt')}`;
    }
    if (script !== undefined) {
      writeFileSync(join(dir, 'force.sh'), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
      forceCommand = `ForceCommand ${join(dir, 'force.sh')}`;
    }
    // Another suite may take the port between probing and binding: retry on a new one.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      writeFileSync(join(dir, 'sshd_config'), config(dir, port, forceCommand));
      const proc = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      proc.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
      try {
        await waitForBanner(port, proc, join(dir, 'sshd.pid'), () => log);
      } catch (e) {
        await kill(proc);
        if (attempt < 5 && /bind|in use/i.test(log)) continue;
        throw e;
      }
      return {
        host: HOST,
        port,
        username,
        privateKey: client.privateKey,
        hostKeyFingerprint,
        dir,
        authorize: (publicKey) => appendFileSync(authorizedKeys, `${publicKey.trim()}\n`),
        stop: async () => {
          await kill(proc);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function config(dir: string, port: number, forceCommand: string): string {
  return [
    `Port ${port}`,
    `ListenAddress ${HOST}`,
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, '%u.keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin no',
    // The default 10:30:100 drops parallel handshakes; the load test opens 50 at once.
    'MaxStartups 500:30:1000',
    'MaxSessions 50',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'LogLevel ERROR',
    forceCommand,
    '',
  ].join('\n');
}

/**
 * As root, a dedicated user with a plain /bin/sh: root's own dotfiles run on every exec
 * (here `pyenv init` in .bashrc, which serialises parallel logins on a lock) and would
 * make the test measure them. With UsePAM no, sshd refuses an account whose password
 * field is locked (`!`, useradd's default), so the user gets `*` instead. Not root: sshd
 * can only log in the user it runs as.
 */
async function loginUser(): Promise<string> {
  if (process.getuid?.() !== 0) return userInfo().username;
  try {
    // Home `/` so sshd does not warn on stderr about a missing home directory.
    await run('useradd', ['-M', '-d', '/', '-s', '/bin/sh', TEST_USER]);
  } catch (e) {
    // 9 = already exists (another suite created it first).
    if ((e as { code?: number }).code !== 9) throw e;
  }
  await run('usermod', ['-p', '*', TEST_USER]);
  return TEST_USER;
}

/** A fresh ed25519 key pair made by ssh-keygen, as a real operator would make it. */
export async function generateClientKey(
  dir: string,
  name: string,
  passphrase = '',
): Promise<{ privateKey: string; publicKey: string }> {
  const path = join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', `tally-${name}`, '-f', path]);
  return { privateKey: readFileSync(path, 'utf8'), publicKey: readFileSync(`${path}.pub`, 'utf8') };
}

async function fingerprintOf(pubFile: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile]);
  const fp = stdout.split(/\s+/)[1];
  if (!fp?.startsWith('SHA256:')) throw new Error(`unexpected ssh-keygen output: ${stdout}`);
  return fp;
}

/**
 * Ready = our sshd wrote its PidFile (it does so only after binding) and the port sends
 * an OpenSSH banner. The PidFile check matters: if another suite's sshd won the port,
 * its banner alone would look like ours.
 */
function waitForBanner(port: number, proc: ChildProcess, pidFile: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  return new Promise((resolve, reject) => {
    let exited = false;
    proc.once('exit', (code) => {
      exited = true;
      reject(new Error(`sshd exited with ${code}: ${log()}`));
    });
    const probe = () => {
      if (exited) return;
      if (Date.now() > deadline) return reject(new Error(`sshd did not answer on ${port}: ${log()}`));
      if (readPid(pidFile) !== proc.pid) return void setTimeout(probe, 25);
      const sock = new Socket();
      const retry = () => {
        sock.destroy();
        setTimeout(probe, 25);
      };
      sock.setTimeout(1000, retry);
      sock.once('error', retry);
      sock.once('data', (d: Buffer) => {
        sock.destroy();
        if (d.toString().startsWith('SSH-2.0-OpenSSH')) resolve();
        else retry();
      });
      sock.connect(port, HOST);
    };
    probe();
  });
}

function readPid(file: string): number | undefined {
  try {
    return Number(readFileSync(file, 'utf8').trim());
  } catch {
    return undefined;
  }
}

async function kill(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

/** Accepts TCP connections and never says a word: a hung sshd or a tarpit. */
export async function startSilentServer(): Promise<{ host: string; port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, HOST, resolve));
  return {
    host: HOST,
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
