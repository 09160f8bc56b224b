#!/usr/bin/env node
'use strict';
// `node scripts/demo.js [--setup-ssh]`: after `npm start`, bills THIS machine.
//
// Creates a demo client whose one resource is this machine (a `node` resource that the worker
// reaches over SSH on 127.0.0.1), triggers the collection of the current slot, waits for it and
// writes the report CSV to ./demo-report.csv. Safe to run again: it reuses what it created.
// It only touches ~/.ssh/authorized_keys when given --setup-ssh (see docs/cli.md).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { execFileSync, spawnSync } = require('node:child_process');
const { parseArgs } = require('node:util');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');

const ROOT = path.resolve(__dirname, '..');
const STATE = path.join(ROOT, '.tally');
const DEMO_DIR = path.join(STATE, 'demo');
const KEY_FILE = path.join(DEMO_DIR, 'id_ed25519');
const KNOWN_HOSTS = path.join(DEMO_DIR, 'known_hosts');
const HOST = '127.0.0.1';
const DONE = new Set(['succeeded', 'partial', 'failed']);

const HELP = `Usage: node scripts/demo.js [options]

Bills this machine in a local Tally (start it first with: npm start).

  --setup-ssh        allow the demo to create an SSH key in .tally/demo/ and append its public
                     half to ~/.ssh/authorized_keys (restricted: from="127.0.0.1,::1",restrict)
  --ssh-port <n>     port of this machine's sshd (default 22)
  --ssh-user <name>  user the worker logs in as (default: you, ${os.userInfo().username})
  --url <url>        Tally API (default: TALLY_URL or http://localhost:3000)
  --key <key>        admin API key (default: TALLY_API_KEY or TALLY_ADMIN_KEY in .tally/secrets.env)
  --output <file>    where to write the report (default: demo-report.csv)
  --timeout <s>      how long to wait for the collection (default 300)
`;

class DemoError extends Error {}
const say = (msg) => console.log(`[demo] ${msg}`);

async function main() {
  const { values: opt } = parseArgs({
    options: {
      'setup-ssh': { type: 'boolean', default: false },
      'ssh-port': { type: 'string', default: '22' },
      'ssh-user': { type: 'string', default: os.userInfo().username },
      url: { type: 'string' },
      key: { type: 'string' },
      output: { type: 'string', default: 'demo-report.csv' },
      timeout: { type: 'string', default: '300' },
      help: { type: 'boolean', default: false },
    },
  });
  if (opt.help) return void process.stdout.write(HELP);
  const port = Number(opt['ssh-port']);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DemoError('--ssh-port must be a port number');
  const api = apiClient(opt.url ?? process.env.TALLY_URL ?? 'http://localhost:3000', opt.key ?? process.env.TALLY_API_KEY ?? adminKeyFromSecrets());

  await api.get('/health/ready', true).catch((e) => {
    throw new DemoError(`the Tally API at ${api.base} is not ready (${e.message}). Start it with: npm start`);
  });
  await checkSshd(port);
  const privateKey = ensureSshKey(opt['setup-ssh'], port, opt['ssh-user']);

  const hostname = os.hostname();
  const credential = await upsertCredential(api, `demo-ssh-${hostname}`, privateKey);
  const client = await findOrCreate(api, `/clients?name=${encodeURIComponent(`Demo: ${hostname}`)}`, (c) => c.name === `Demo: ${hostname}`, '/clients', { name: `Demo: ${hostname}` });
  const project = await findOrCreate(api, `/projects?clientId=${client.id}`, (p) => p.name === 'this-machine', '/projects', { clientId: client.id, name: 'this-machine' });
  const fields = { sshHost: HOST, sshPort: port, sshUser: opt['ssh-user'], credentialId: credential.id, active: true };
  let resource = (await api.get(`/resources?projectId=${project.id}&limit=500`)).items.find((r) => r.name === hostname);
  resource = resource
    ? await api.send('PATCH', `/resources/${resource.id}`, fields)
    : await api.send('POST', '/resources', { projectId: project.id, name: hostname, type: 'node', ...fields });
  say(`client "${client.name}" (${client.id}) → project this-machine → node ${resource.name} (${opt['ssh-user']}@${HOST}:${port})`);

  const run = await collect(api, Number(opt.timeout) * 1000);
  const outcome = run.outcomes.find((o) => o.target === resource.id);
  if (outcome?.ok) say(`collected this machine: ${outcome.samples} samples`);
  else if (outcome) say(`collecting this machine FAILED: ${outcome.reason}`);
  else say(`the current slot (${run.slot}) had been collected before the demo resource existed, so it is not in it; the next slot starts at ${nextSlot(run.slot)}. Run the demo again after that.`);

  const file = path.resolve(opt.output);
  await api.download(`/clients/${client.id}/report?format=csv&from=${encodeURIComponent(run.slot)}`, file);
  say(`report written to ${path.relative(process.cwd(), file) || file}`);
  say(`billing page: ${api.base}/billing/   ·   CLI: TALLY_API_KEY=... node dist/apps/cli/src/main.js report ${client.id} -o report.csv`);
  if (!outcome?.ok) process.exitCode = 1;
}

function adminKeyFromSecrets() {
  const file = path.join(STATE, 'secrets.env');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const m = /^TALLY_ADMIN_KEY=(\S+)$/m.exec(text);
  if (!m) throw new DemoError(`no admin key: ${path.relative(ROOT, file)} has no TALLY_ADMIN_KEY (run npm start first), or pass --key`);
  return m[1];
}

/** sshd answers with an "SSH-2.0-..." banner before anything else. */
function checkSshd(port) {
  return new Promise((resolve, reject) => {
    const fail = (why) => reject(new DemoError(
      `no SSH server answers on ${HOST}:${port} (${why}). Tally reads a node over SSH, so the demo needs one on this machine:\n` +
        '  Debian/Ubuntu: sudo apt install openssh-server && sudo systemctl enable --now ssh\n' +
        '  Fedora/RHEL:   sudo dnf install openssh-server && sudo systemctl enable --now sshd\n' +
        '  macOS:         System Settings → General → Sharing → Remote Login\n' +
        'or point the demo at one that runs elsewhere on this machine with --ssh-port <port>.'));
    const socket = net.connect({ host: HOST, port, timeout: 5000 });
    socket.once('data', (d) => {
      socket.destroy();
      if (d.toString().startsWith('SSH-')) resolve();
      else fail('something else listens there');
    });
    socket.once('timeout', () => (socket.destroy(), fail('no banner within 5 s')));
    socket.once('error', (e) => fail(e.code ?? e.message));
  });
}

/** A key of the demo's own; authorised only with the user's explicit --setup-ssh. */
function ensureSshKey(consent, port, user) {
  const tryLogin = () => spawnSync('ssh', [
    '-i', KEY_FILE, '-p', String(port), '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', 'ConnectTimeout=5',
    '-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${KNOWN_HOSTS}`, `${user}@${HOST}`, 'true',
  ], { encoding: 'utf8' });
  if (fs.existsSync(KEY_FILE) && tryLogin().status === 0) return fs.readFileSync(KEY_FILE, 'utf8');
  if (!consent) {
    throw new DemoError(
      `Tally must log in to this machine over SSH as ${user} with a key it holds.\n` +
        'Re-run with --setup-ssh to let the demo create one in .tally/demo/ and add it to ~/.ssh/authorized_keys\n' +
        '(limited to logins from this machine: from="127.0.0.1,::1",restrict). Undo later by deleting the line ending in "tally-demo".\n' +
        `Or add ${path.relative(process.cwd(), KEY_FILE)}.pub there yourself once it exists.`);
  }
  if (user !== os.userInfo().username) throw new DemoError(`--setup-ssh can only authorise the key for you (${os.userInfo().username}); add it for ${user} by hand`);
  fs.mkdirSync(DEMO_DIR, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(KEY_FILE)) {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `tally-demo@${os.hostname()}`, '-f', KEY_FILE]);
    say(`created SSH key ${path.relative(process.cwd(), KEY_FILE)}`);
  }
  const sshDir = path.join(os.homedir(), '.ssh');
  const authorized = path.join(sshDir, 'authorized_keys');
  const pub = fs.readFileSync(`${KEY_FILE}.pub`, 'utf8').trim();
  fs.mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  const current = fs.existsSync(authorized) ? fs.readFileSync(authorized, 'utf8') : '';
  if (!current.includes(pub)) {
    fs.appendFileSync(authorized, `${current && !current.endsWith('\n') ? '\n' : ''}from="127.0.0.1,::1",restrict ${pub}\n`, { mode: 0o600 });
    say(`added the demo key to ${authorized} (from="127.0.0.1,::1",restrict)`);
  }
  const login = tryLogin();
  if (login.status !== 0) {
    throw new DemoError(
      `the key is authorised, but ssh ${user}@${HOST} -p ${port} still fails:\n  ${login.stderr.trim()}\n` +
        'Common causes: sshd refuses this user (PermitRootLogin, AllowUsers), or the account is locked\n' +
        `(with UsePAM no a password field of "!" blocks key logins too: sudo usermod -p '*' ${user}).`);
  }
  return fs.readFileSync(KEY_FILE, 'utf8');
}

async function upsertCredential(api, name, secret) {
  const existing = (await api.get('/credentials?kind=ssh-private-key&limit=500')).items.find((c) => c.name === name);
  // PATCH keeps it in step with the key file, which --setup-ssh may have just created.
  return existing ? api.send('PATCH', `/credentials/${existing.id}`, { secret }) : api.send('POST', '/credentials', { name, kind: 'ssh-private-key', secret });
}

async function findOrCreate(api, listPath, match, createPath, body) {
  const found = (await api.get(`${listPath}${listPath.includes('?') ? '&' : '?'}limit=500`)).items.find(match);
  return found ?? api.send('POST', createPath, body);
}

/** Triggers the current slot and polls it until the worker is done with it. */
async function collect(api, timeoutMs) {
  const run = await api.send('POST', '/collections', {});
  const by = run.trigger === 'api' ? '' : ` (triggered by ${run.trigger})`;
  say(`collection of slot ${run.slot}: ${run.state}${by}${DONE.has(run.state) ? '' : '; waiting for the worker…'}`);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const detail = await api.get(`/collections/${run.id}`);
    const line = `${detail.state}: ${detail.okCount + detail.errorCount}/${detail.total} targets`;
    if (line !== last) say((last = line));
    if (DONE.has(detail.state)) return detail;
    if (Date.now() > deadline) throw new DemoError(`run ${run.id} is still ${detail.state} after ${timeoutMs / 1000} s. Is the worker running (npm start runs it)?`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function nextSlot(slot) {
  const t = new Date(slot).getTime();
  const step = 30 * 60_000; // the default interval; the API's run list shows the real slots
  return new Date(t + step).toISOString();
}

function apiClient(base, key) {
  base = base.replace(/\/+$/, '');
  const call = async (method, p, body, raw) => {
    const res = await fetch(raw ? `${base}${p}` : `${base}/api/v1${p}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }).catch((e) => {
      throw new DemoError(`cannot reach ${base}: ${e.cause?.code ?? e.message}`);
    });
    if (!res.ok) {
      const err = await res.json().catch(() => ({}));
      throw new DemoError(`${method} ${p} → HTTP ${res.status}: ${err.message ?? res.statusText}`);
    }
    return res;
  };
  return {
    base,
    get: async (p, raw = false) => (await call('GET', p, undefined, raw)).json(),
    send: async (method, p, body) => (await call(method, p, body)).json(),
    download: async (p, file) => pipeline(Readable.fromWeb((await call('GET', p)).body), fs.createWriteStream(file)),
  };
}

main().catch((e) => {
  console.error(`[demo] ${e instanceof DemoError ? e.message : e.stack}`);
  process.exitCode = e instanceof DemoError ? 2 : 1;
});
