'use strict';
// The SSH side of the demo: a login to this machine that Tally's worker can use, either through
// this machine's sshd (--setup-ssh authorises a key of the demo's own in ~/.ssh) or through a
// private sshd the demo starts on a loopback port for itself (--own-sshd).
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const { freePort, waitFor } = require('./net');
const { stopChild, which } = require('./processes');

const HOST = '127.0.0.1';

class DemoError extends Error {}

const NO_SSHD_HINT = [
  'Tally reads a node over SSH, so the demo needs an SSH server on this machine. Either:',
  '  let the demo start a private one for itself (no root; it touches nothing outside .tally/demo/):',
  '      npm run demo -- --own-sshd',
  "  or start this machine's sshd (Debian/Ubuntu: sudo apt install openssh-server; Fedora/RHEL: sudo dnf install openssh-server):",
  '      with systemd:     sudo systemctl enable --now ssh        (Fedora/RHEL: sshd)',
  '      without systemd:  sudo mkdir -p /run/sshd && sudo /usr/sbin/sshd     (containers, WSL: it puts itself in the background)',
  '      macOS:            System Settings → General → Sharing → Remote Login',
  '  or point the demo at one that listens elsewhere on this machine: --ssh-port <port>.',
].join('\n');

/** sshd answers with an "SSH-2.0-..." banner before anything else. Resolves, or rejects with why not. */
function sshBanner(port, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port, timeout: timeoutMs });
    socket.once('data', (d) => {
      socket.destroy();
      if (d.toString().startsWith('SSH-')) resolve();
      else reject(new Error('something else listens there'));
    });
    socket.once('timeout', () => (socket.destroy(), reject(new Error(`no banner within ${timeoutMs / 1000} s`))));
    socket.once('error', (e) => reject(new Error(e.code ?? e.message)));
  });
}

async function checkSshd(port) {
  await sshBanner(port).catch((e) => {
    throw new DemoError(`no SSH server answers on ${HOST}:${port} (${e.message}).\n${NO_SSHD_HINT}`);
  });
}

/** The demo's own key pair, created once in dir. */
function ensureKeyPair(dir, say) {
  const file = path.join(dir, 'id_ed25519');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `tally-demo@${os.hostname()}`, '-f', file]);
    say(`created SSH key ${path.relative(process.cwd(), file)}`);
  }
  return { file, privateKey: fs.readFileSync(file, 'utf8'), publicKey: fs.readFileSync(`${file}.pub`, 'utf8').trim() };
}

/** One `ssh … true` with the demo's key, as the worker will log in. */
function tryLogin({ keyFile, knownHosts, port, user }) {
  return spawnSync('ssh', [
    '-i', keyFile, '-p', String(port), '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', 'ConnectTimeout=5',
    '-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${knownHosts}`, `${user}@${HOST}`, 'true',
  ], { encoding: 'utf8' });
}

const LOGIN_FAILED_HINT = 'Common causes: sshd refuses this user (PermitRootLogin, AllowUsers), or the account is locked\n'
  + "(with UsePAM no a password field of \"!\" blocks key logins too: sudo usermod -p '*' <user>).";

/**
 * This machine's sshd on `port`: the demo's key, authorised in ~/.ssh/authorized_keys only with
 * the user's consent (--setup-ssh). Returns the login the worker uses.
 */
async function systemSshd({ dir, port, user, consent, say }) {
  await checkSshd(port);
  const knownHosts = path.join(dir, 'known_hosts');
  const keyFile = path.join(dir, 'id_ed25519');
  if (fs.existsSync(keyFile) && tryLogin({ keyFile, knownHosts, port, user }).status === 0) {
    return { host: HOST, port, user, privateKey: fs.readFileSync(keyFile, 'utf8') };
  }
  if (!consent) {
    throw new DemoError(
      `Tally must log in to this machine over SSH as ${user} with a key it holds.\n` +
        'Re-run with --setup-ssh to let the demo create one in .tally/demo/ and add it to ~/.ssh/authorized_keys\n' +
        '(limited to logins from this machine: from="127.0.0.1,::1",restrict). Undo later by deleting the line ending in "tally-demo".\n' +
        'Or run with --own-sshd: the demo then starts a private sshd of its own and leaves ~/.ssh alone.');
  }
  if (user !== os.userInfo().username) throw new DemoError(`--setup-ssh can only authorise the key for you (${os.userInfo().username}); add it for ${user} by hand`);
  const key = ensureKeyPair(dir, say);
  const sshDir = path.join(os.homedir(), '.ssh');
  const authorized = path.join(sshDir, 'authorized_keys');
  fs.mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  const current = fs.existsSync(authorized) ? fs.readFileSync(authorized, 'utf8') : '';
  if (!current.includes(key.publicKey)) {
    fs.appendFileSync(authorized, `${current && !current.endsWith('\n') ? '\n' : ''}from="127.0.0.1,::1",restrict ${key.publicKey}\n`, { mode: 0o600 });
    say(`added the demo key to ${authorized} (from="127.0.0.1,::1",restrict)`);
  }
  const login = tryLogin({ keyFile: key.file, knownHosts, port, user });
  if (login.status !== 0) {
    throw new DemoError(`the key is authorised, but ssh ${user}@${HOST} -p ${port} still fails:\n  ${login.stderr.trim()}\n${LOGIN_FAILED_HINT.replace('<user>', user)}`);
  }
  return { host: HOST, port, user, privateKey: key.privateKey };
}

/** `SHA256:<base64>` of an OpenSSH public key file, as ssh-keygen -l prints it (and Tally pins). */
function fingerprint(pubFile) {
  const out = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile], { encoding: 'utf8' });
  return out.split(/\s+/)[1];
}

/**
 * A private sshd on a free loopback port, as the current user, with its own host key and an
 * authorized_keys file in dir/sshd/ holding only the demo's key. Nothing outside dir changes
 * (as root, sshd also needs its privilege-separation directory /run/sshd, which is created).
 * Returns the login, the host key Tally should pin, and stop().
 */
async function ownSshd({ dir, say }) {
  const sshd = which('sshd') ?? ['/usr/sbin/sshd', '/usr/local/sbin/sshd'].find((p) => fs.existsSync(p));
  if (!sshd) throw new DemoError("--own-sshd needs OpenSSH's server binary (sshd): sudo apt install openssh-server (Debian/Ubuntu), sudo dnf install openssh-server (Fedora/RHEL)");
  const user = os.userInfo().username;
  const key = ensureKeyPair(dir, say);
  const own = path.join(dir, 'sshd');
  fs.mkdirSync(own, { recursive: true, mode: 0o700 });
  const hostKey = path.join(own, 'host_ed25519');
  if (!fs.existsSync(hostKey)) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'tally-demo-sshd', '-f', hostKey]);
  fs.writeFileSync(path.join(own, 'authorized_keys'), `restrict,from="127.0.0.1" ${key.publicKey}\n`, { mode: 0o600 });
  const port = await freePort(HOST);
  const config = path.join(own, 'sshd_config');
  fs.writeFileSync(config, [
    `Port ${port}`, `ListenAddress ${HOST}`, `HostKey ${hostKey}`, `PidFile ${path.join(own, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(own, 'authorized_keys')}`,
    // The key file is the demo's own, in a 0700 directory; the checks of StrictModes would
    // also refuse any checkout below a group-writable directory.
    'StrictModes no', 'UsePAM no', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password', 'AllowTcpForwarding no', 'X11Forwarding no', 'UseDNS no', 'LogLevel ERROR', '',
  ].join('\n'));
  if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const log = path.join(own, 'sshd.log');
  const child = spawn(sshd, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', fs.openSync(log, 'w', 0o600)] });
  let exited;
  child.once('exit', (code, signal) => (exited = `sshd exited (${signal ?? `code ${code}`}): ${fs.readFileSync(log, 'utf8').trim()}`));
  child.once('error', (e) => (exited = `sshd could not start: ${e.message}`));
  const stop = () => stopChild(child, { signal: 'SIGTERM', timeoutMs: 5000 });
  try {
    await waitFor(`the demo's sshd on ${HOST}:${port}`, () => sshBanner(port, 1000).then(() => true), { timeoutMs: 10_000, intervalMs: 100, stop: () => exited });
  } catch (e) {
    await stop();
    throw new DemoError(e.message);
  }
  const login = tryLogin({ keyFile: key.file, knownHosts: path.join(own, 'known_hosts'), port, user });
  if (login.status !== 0) {
    await stop();
    throw new DemoError(`the demo's sshd runs, but ssh ${user}@${HOST} -p ${port} fails:\n  ${login.stderr.trim()}\n${LOGIN_FAILED_HINT.replace('<user>', user)}`);
  }
  say(`started a private sshd for the demo on ${HOST}:${port} (config and keys in ${path.relative(process.cwd(), own) || own})`);
  return { host: HOST, port, user, privateKey: key.privateKey, hostKeySha256: fingerprint(`${hostKey}.pub`), stop };
}

module.exports = { DemoError, systemSshd, ownSshd };
