#!/usr/bin/env node
'use strict';
// `npm run demo -- [--own-sshd | --setup-ssh] [--ganeti]`: after `npm start`, bills THIS machine
// (a `node` resource the worker reaches over SSH on 127.0.0.1) and, with --ganeti, the VMs of a
// Ganeti RAPI stand-in it runs on a loopback port. It collects exactly its own resources into
// the current slot (POST /collections with resourceIds: whatever else has claimed the slot),
// reports their outcomes, and writes the report CSV only when some of them were collected.
// Safe to run again: it reuses what it created. See docs/cli.md.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { DemoError, ownSshd, systemSshd } = require('./lib/demo-ssh');
const { startGanetiStandin } = require('./lib/demo-ganeti');

const ROOT = path.resolve(__dirname, '..');
const STATE = path.join(ROOT, '.tally');
const DEMO_DIR = path.join(STATE, 'demo');
const DONE = new Set(['succeeded', 'partial', 'failed']);

const HELP = `Usage: npm run demo -- [options]      (or: node scripts/demo.js [options])

Bills this machine in a local Tally (start it first with: npm start) and, with --ganeti, the
VMs of a Ganeti cluster stand-in. Collects only its own resources, whatever else has claimed
the current slot, and writes their report.

  --own-sshd         start a private sshd on a free 127.0.0.1 port for the demo, with its own host
                     key and authorized keys in .tally/demo/sshd/ (needs OpenSSH's sshd binary; no
                     root; nothing outside .tally/demo/ is touched). Stops when the demo ends.
  --setup-ssh        use this machine's sshd (--ssh-port): allow the demo to create an SSH key in
                     .tally/demo/ and append its public half to ~/.ssh/authorized_keys
                     (restricted: from="127.0.0.1,::1",restrict)
  --ganeti           also run a Ganeti RAPI stand-in on 127.0.0.1 for the demo, serving a real
                     cluster's answer (${'test/fixtures/ganeti'}, 11 instances), and bill its VMs
  --ssh-port <n>     port of this machine's sshd (default 22; not with --own-sshd)
  --ssh-user <name>  user the worker logs in as (default: you, ${os.userInfo().username})
  --url <url>        Tally (default: TALLY_URL or http://localhost:3000)
  --key <key>        admin API key (default: TALLY_API_KEY or TALLY_ADMIN_KEY in .tally/secrets.env)
  --output <file>    where to write the report (default: demo-report.csv)
  --timeout <s>      how long to wait for the collection (default 300)
`;

const say = (msg) => console.log(`[demo] ${msg}`);
const stops = []; // what the demo started, stopped when it ends however it ends

async function main() {
  const { values: opt } = parseArgs({
    options: {
      'own-sshd': { type: 'boolean', default: false },
      'setup-ssh': { type: 'boolean', default: false },
      ganeti: { type: 'boolean', default: false },
      'ssh-port': { type: 'string' },
      'ssh-user': { type: 'string', default: os.userInfo().username },
      url: { type: 'string' },
      key: { type: 'string' },
      output: { type: 'string', default: 'demo-report.csv' },
      timeout: { type: 'string', default: '300' },
      help: { type: 'boolean', default: false },
    },
  });
  if (opt.help) return void process.stdout.write(HELP);
  if (opt['own-sshd'] && (opt['setup-ssh'] || opt['ssh-port'])) throw new DemoError('--own-sshd starts an sshd of its own: it takes neither --setup-ssh nor --ssh-port');
  if (opt['own-sshd'] && opt['ssh-user'] !== os.userInfo().username) throw new DemoError(`--own-sshd runs sshd as you (${os.userInfo().username}), so it can log in only as you`);
  const sshPort = Number(opt['ssh-port'] ?? 22);
  if (!Number.isInteger(sshPort) || sshPort < 1 || sshPort > 65535) throw new DemoError('--ssh-port must be a port number');
  const timeoutMs = Number(opt.timeout) * 1000;
  if (!(timeoutMs > 0)) throw new DemoError('--timeout must be a number of seconds');
  const api = apiClient(opt.url ?? process.env.TALLY_URL ?? 'http://localhost:3000', opt.key ?? process.env.TALLY_API_KEY ?? adminKeyFromSecrets());
  await api.get('/health/ready', true).catch((e) => {
    throw new DemoError(`the Tally API at ${api.base} is not ready (${e.message}). Start it with: npm start`);
  });

  const ssh = opt['own-sshd']
    ? await ownSshd({ dir: DEMO_DIR, say })
    : await systemSshd({ dir: DEMO_DIR, port: sshPort, user: opt['ssh-user'], consent: opt['setup-ssh'], say });
  if (ssh.stop) stops.push(ssh.stop);
  const ganeti = opt.ganeti ? await startGanetiStandin({ root: ROOT, dir: path.join(DEMO_DIR, 'ganeti'), DemoError }) : undefined;
  if (ganeti) stops.push(ganeti.close);

  const hostname = os.hostname();
  const client = await findOrCreate(api, `/clients?name=${encodeURIComponent(`Demo: ${hostname}`)}`, (c) => c.name === `Demo: ${hostname}`, '/clients', { name: `Demo: ${hostname}` });
  const node = await upsertNode(api, client, hostname, ssh);
  say(`client "${client.name}" (${client.id}) → project this-machine → node ${node.name} (${ssh.user}@${ssh.host}:${ssh.port})`);
  // What only lives as long as the demo is deactivated when it ends, so later slots do not
  // record it as failed while nothing answers for it.
  const ephemeral = ssh.stop ? [node.id] : [];
  const vms = ganeti ? await registerGaneti(api, client, ganeti) : [];
  if (ganeti) ephemeral.push(...vms.map((v) => v.id));

  let ok = false;
  try {
    if (ganeti) await precache(api, ganeti.fqdn, timeoutMs);
    const mine = [node, ...vms];
    const run = await collect(api, mine.map((r) => r.id), timeoutMs);
    const byId = new Map(run.outcomes.map((o) => [o.target, o]));
    const own = mine.map((r) => byId.get(r.id));
    const nodeOutcome = own[0];
    say(nodeOutcome.ok ? `collected this machine: ${nodeOutcome.samples} samples` : `collecting this machine FAILED: ${nodeOutcome.reason}`);
    if (ganeti) {
      const vmOutcomes = own.slice(1);
      const good = vmOutcomes.filter((o) => o.ok);
      say(`collected ${good.length} of ${vms.length} Ganeti VMs from the stand-in: ${good.reduce((n, o) => n + o.samples, 0)} samples`);
      for (const [i, o] of vmOutcomes.entries()) if (!o.ok) say(`  ${vms[i].name} FAILED: ${o.reason}`);
    }
    ok = own.every((o) => o.ok);
    const samples = own.reduce((n, o) => n + (o.ok ? o.samples : 0), 0);
    if (!samples) {
      say('no report written: none of the demo\'s resources was collected (see above)');
    } else {
      const file = path.resolve(opt.output);
      await api.download(`/clients/${client.id}/report?format=csv&from=${encodeURIComponent(run.slot)}`, file);
      say(`report of slot ${run.slot} written to ${path.relative(process.cwd(), file) || file}`);
      say(`billing page: ${api.base}/billing/   ·   CLI: TALLY_API_KEY=... npm run cli -- report ${client.id} -o report.csv`);
    }
  } finally {
    if (ephemeral.length) await deactivate(api, ephemeral, ganeti);
  }
  if (!ok) process.exitCode = 1;
}

function adminKeyFromSecrets() {
  const file = path.join(STATE, 'secrets.env');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const m = /^TALLY_ADMIN_KEY=(\S+)$/m.exec(text);
  if (!m) throw new DemoError(`no admin key: ${path.relative(ROOT, file)} has no TALLY_ADMIN_KEY (run npm start first), or pass --key`);
  return m[1];
}

async function findOrCreate(api, listPath, match, createPath, body) {
  const found = (await api.get(`${listPath}${listPath.includes('?') ? '&' : '?'}limit=500`)).items.find(match);
  return found ?? api.send('POST', createPath, body);
}

async function upsertNode(api, client, hostname, ssh) {
  const name = `demo-ssh-${hostname}`;
  const existing = (await api.get('/credentials?kind=ssh-private-key&limit=500')).items.find((c) => c.name === name);
  // PATCH keeps it in step with the key file, which the demo may have just created.
  const credential = existing
    ? await api.send('PATCH', `/credentials/${existing.id}`, { secret: ssh.privateKey })
    : await api.send('POST', '/credentials', { name, kind: 'ssh-private-key', secret: ssh.privateKey });
  const project = await findOrCreate(api, `/projects?clientId=${client.id}`, (p) => p.name === 'this-machine', '/projects', { clientId: client.id, name: 'this-machine' });
  const fields = { sshHost: ssh.host, sshPort: ssh.port, sshUser: ssh.user, credentialId: credential.id, active: true };
  const current = (await api.get(`/resources?projectId=${project.id}&limit=500`)).items.find((r) => r.name === hostname);
  // The demo's own sshd: pin its host key exactly. This machine's: first contact pins it, unless
  // the key pinned is the demo sshd's from an earlier run (then this sshd would look like an impostor).
  if (ssh.hostKeySha256) fields.hostKeySha256 = ssh.hostKeySha256;
  else if (current?.hostKeySha256 && current.hostKeySha256 === ownHostKey()) fields.hostKeySha256 = null;
  return current
    ? api.send('PATCH', `/resources/${current.id}`, fields)
    : api.send('POST', '/resources', { projectId: project.id, name: hostname, type: 'node', ...fields });
}

function ownHostKey() {
  const pub = path.join(DEMO_DIR, 'sshd', 'host_ed25519.pub');
  if (!fs.existsSync(pub)) return undefined;
  const blob = Buffer.from(fs.readFileSync(pub, 'utf8').split(/\s+/)[1], 'base64');
  return `SHA256:${require('node:crypto').createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The stand-in as a cluster, and one ganeti-vm resource per instance it serves. */
async function registerGaneti(api, client, ganeti) {
  const [cluster] = (await api.get(`/clusters?fqdn=${encodeURIComponent(ganeti.fqdn)}`)).items;
  if (cluster) await api.send('PATCH', `/clusters/${cluster.id}`, ganeti.cluster);
  else await api.send('POST', '/clusters', { fqdn: ganeti.fqdn, ...ganeti.cluster });
  const project = await findOrCreate(api, `/projects?clientId=${client.id}`, (p) => p.name === 'ganeti-stand-in', '/projects', { clientId: client.id, name: 'ganeti-stand-in' });
  const existing = new Map((await api.get(`/resources?projectId=${project.id}&limit=500`)).items.map((r) => [r.name, r]));
  const vms = [];
  for (const { name } of ganeti.instances) {
    const current = existing.get(name);
    vms.push(current
      ? await api.send('PATCH', `/resources/${current.id}`, { active: true })
      : await api.send('POST', '/resources', { projectId: project.id, name, type: 'ganeti-vm', clusterFqdn: ganeti.fqdn }));
  }
  say(`Ganeti RAPI stand-in on ${ganeti.url} → cluster ${ganeti.fqdn} → project ganeti-stand-in: ${vms.length} VMs`);
  return vms;
}

/** Refreshes the Ganeti cache now (it is normally refreshed before each slot) and checks the stand-in's part. */
async function precache(api, fqdn, timeoutMs) {
  const started = await api.send('POST', '/collections/precache');
  const run = await follow(api, started.id, [fqdn], timeoutMs, 'the Ganeti pre-cache');
  const outcome = run.outcomes[0];
  if (!outcome.ok) say(`fetching the stand-in's instances FAILED: ${outcome.reason}`);
  else say(`fetched ${outcome.samples} instances from the stand-in into the Ganeti cache`);
}

/** Collects the demo's resources into the current slot, and waits for each one's outcome. */
async function collect(api, ids, timeoutMs) {
  const started = await api.send('POST', '/collections', { resourceIds: ids });
  say(`collecting the demo's ${ids.length} resources into slot ${started.slot} (run ${started.id}); waiting for the worker…`);
  return follow(api, started.id, ids, timeoutMs, 'the collection');
}

/** Polls a run until it is done and each of `targets` has an outcome; returns it with those outcomes only. */
async function follow(api, id, targets, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  const query = `target=${targets.map(encodeURIComponent).join(',')}`;
  for (;;) {
    const run = await api.get(`/collections/${id}?${query}`);
    if (DONE.has(run.state) && run.outcomes.length === targets.length) return run;
    if (Date.now() > deadline) {
      throw new DemoError(`${what} (run ${id}) is still not done after ${timeoutMs / 1000} s: ${run.outcomes.length} of ${targets.length} outcomes. Is the worker running (npm start runs it)?`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function deactivate(api, ids, ganeti) {
  for (const id of ids) await api.send('PATCH', `/resources/${id}`, { active: false });
  if (ganeti) {
    const [cluster] = (await api.get(`/clusters?fqdn=${encodeURIComponent(ganeti.fqdn)}`)).items;
    if (cluster) await api.send('PATCH', `/clusters/${cluster.id}`, { active: false });
  }
  say('the demo\'s sshd and stand-in stop with it, so the resources they served are deactivated again (their samples stay); run the demo again to collect them once more');
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

async function stopAll() {
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void stopAll().finally(() => process.exit(130)));

main()
  .catch((e) => {
    console.error(`[demo] ${e instanceof DemoError ? e.message : e.stack}`);
    process.exitCode = e instanceof DemoError ? 2 : 1;
  })
  .finally(stopAll);
