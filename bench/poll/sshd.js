'use strict';
/**
 * A loopback OpenSSH server sized for the poll benchmark: its own temp dir, config, host key,
 * client key and authorized keys, as test/support/sshd.ts does, but with start-up limits
 * raised so hundreds of parallel handshakes are served rather than dropped.
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const SSHD = '/usr/sbin/sshd';
const HOST = '127.0.0.1';
// The test harness's user: a plain /bin/sh login without root's dotfiles (which would run on
// every exec and make the benchmark measure them).
const BENCH_USER = 'tally-test';

async function startSshd() {
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // privilege separation dir
  const username = loginUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-bench-sshd-'));
  fs.chmodSync(dir, 0o755); // sshd reads authorized keys as the logged-in user
  try {
    const hostKey = path.join(dir, 'host_ed25519');
    const clientKey = path.join(dir, 'client_ed25519');
    keygen(hostKey, 'tally-bench-host');
    keygen(clientKey, 'tally-bench-client');
    fs.writeFileSync(path.join(dir, `${username}.keys`), fs.readFileSync(`${clientKey}.pub`), { mode: 0o644 });
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`], { encoding: 'utf8' }).split(/\s+/)[1];
    if (!fingerprint || !fingerprint.startsWith('SHA256:')) throw new Error(`cannot read the host key fingerprint: ${fingerprint}`);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const port = await freePort();
      fs.writeFileSync(path.join(dir, 'sshd_config'), config(dir, port));
      const proc = spawn(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      proc.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
      try {
        await waitReady(port, proc, path.join(dir, 'sshd.pid'), () => log);
      } catch (e) {
        await stop(proc);
        if (attempt < 5 && /bind|in use/i.test(log)) continue;
        throw e;
      }
      const hostPub = fs.readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
      const knownHosts = path.join(dir, 'known_hosts');
      fs.writeFileSync(knownHosts, `[${HOST}]:${port} ${hostPub}\n`);
      return {
        host: HOST,
        port,
        username,
        pid: proc.pid,
        clientKeyFile: clientKey,
        privateKey: fs.readFileSync(clientKey, 'utf8'),
        knownHosts,
        fingerprint,
        log: () => log,
        stop: async () => {
          await stop(proc);
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    throw new Error('no free port for sshd after 5 attempts');
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function config(dir, port) {
  return [
    `Port ${port}`,
    `ListenAddress ${HOST}`,
    `HostKey ${path.join(dir, 'host_ed25519')}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(dir, '%u.keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin no',
    // Default 10:30:100 randomly drops handshakes beyond 10 unauthenticated connections.
    'MaxStartups 1000:30:2000',
    'MaxSessions 100',
    'LoginGraceTime 60',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'X11Forwarding no',
    'PermitTTY no',
    'LogLevel ERROR',
    '',
  ].join('\n');
}

/** Same rules as the test harness: as root, a dedicated user whose password field is `*`. */
function loginUser() {
  if (process.getuid() !== 0) return os.userInfo().username;
  try {
    execFileSync('useradd', ['-M', '-d', '/', '-s', '/bin/sh', BENCH_USER], { stdio: 'pipe' });
  } catch (e) {
    if (e.status !== 9) throw e; // 9 = already exists
  }
  execFileSync('usermod', ['-p', '*', BENCH_USER], { stdio: 'pipe' });
  return BENCH_USER;
}

function keygen(file, comment) {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { stdio: 'pipe' });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject).listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Ready once our own PidFile names our process and the port answers with an OpenSSH banner. */
function waitReady(port, proc, pidFile, log) {
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
      let pid;
      try {
        pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
      } catch {
        pid = undefined;
      }
      if (pid !== proc.pid) return void setTimeout(probe, 25);
      const sock = net.connect(port, HOST);
      const retry = () => {
        sock.destroy();
        setTimeout(probe, 25);
      };
      sock.setTimeout(1000, retry);
      sock.once('error', retry);
      sock.once('data', (d) => {
        sock.destroy();
        if (String(d).startsWith('SSH-2.0-OpenSSH')) resolve();
        else retry();
      });
    };
    probe();
  });
}

function stop(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

module.exports = { startSshd };
