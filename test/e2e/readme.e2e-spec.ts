import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ENV } from '../setup/test-env';
import { tempCheckout } from '../support/checkout';
import { freePort } from '../support/net';
import { ROOT } from '../support/processes';
import { RapiStandin } from '../support/rapi-standin';
import { startSshd, TestSshd } from '../support/sshd';

interface Block { heading: string; text: string }

/** The README's ```sh blocks, in order, each with the heading it sits under. */
function shellBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let heading = '';
  let open: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (open) {
      if (line.startsWith('```')) (blocks.push({ heading, text: open.join('\n') }), (open = null));
      else open.push(line);
    } else if (line.startsWith('#')) heading = line.replace(/^#+\s*/, '');
    else if (line.trim() === '```sh') open = [];
  }
  return blocks;
}

/**
 * One bash session fed the README's blocks one at a time, as a reader pastes them into a
 * terminal: variables carry over, output is kept per block, and every command that fails is
 * reported with its status (an ERR trap), not only the last one.
 */
class Session {
  private readonly bash: ChildProcess;
  private out = '';

  constructor(cwd: string, env: Record<string, string>) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.bash.stdout!.on('data', (d) => (this.out += d));
    this.bash.stderr!.on('data', (d) => (this.out += d));
    this.bash.stdin!.write(`exec 2>&1\nset -o pipefail\ntrap 'echo "::failed:: status $? of: $BASH_COMMAND"' ERR\n`);
  }

  /** Runs a block; resolves with what it printed once the shell has read and run all of it. */
  async run(text: string, timeoutMs = 120_000): Promise<string> {
    const marker = `::done:: ${randomUUID()}`;
    const from = this.out.length;
    this.bash.stdin!.write(`${text}\necho "${marker}"\n`);
    const deadline = Date.now() + timeoutMs;
    while (!this.out.includes(marker, from)) {
      if (this.bash.exitCode !== null) throw new Error(`bash exited (${this.bash.exitCode}):\n${this.out.slice(from)}`);
      if (Date.now() > deadline) throw new Error(`block did not finish in ${timeoutMs / 1000} s:\n${text}\n--- output so far ---\n${this.out.slice(from)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.out.slice(from, this.out.indexOf(marker, from));
  }

  close(): void {
    this.bash.stdin!.end('exit\n');
  }
}

/**
 * The README, run as a newcomer would: `npm start` in a checkout of its own (own .tally/,
 * embedded PostgreSQL, own ports and queue prefix), then every shell block, in a bash session
 * in that checkout, first in the order written (the demo, then the walk-through), then in
 * another (the walk-through, the demo, the walk-through again). Each must run without a
 * failing command and print what the README says it prints. The walk-through is pointed, by
 * the variables it offers for that, at a real sshd and a Ganeti RAPI stand-in on loopback
 * ports; the two steps it says to do on other machines (authorise the key on the node, copy
 * the RAPI certificate off the master) are done here, the second with the README's own
 * command. `npm test`, the other quick-start command, is what .ci/run runs on a fresh clone.
 */
describe('README.md, top to bottom and in another order', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = shellBlocks(readme);
  const checkout = tempCheckout('tally-readme-', { built: true });
  const home = mkdtempSync(join(tmpdir(), 'tally-readme-home-'));
  let stack: ChildProcess;
  let stackOut = '';
  let shell: Session;
  let sshd: TestSshd;
  let standin: RapiStandin;
  const cluster = 'cluster-readme.localhost';

  const block = (pattern: RegExp) => {
    const found = blocks.filter((b) => pattern.test(b.text));
    if (found.length !== 1) throw new Error(`expected one README block matching ${pattern}, found ${found.length}`);
    return found[0];
  };
  const quickStart = block(/^npm start/m);
  const demo = block(/^npm run demo/m);
  const walkThrough = blocks.filter((b) => b !== quickStart && b !== demo);

  beforeAll(async () => {
    [sshd, standin] = await Promise.all([startSshd(), RapiStandin.start()]);
    // What `gnt-cluster init` makes: a self-signed certificate, its own CA.
    standin.presentCertificate('selfSigned');
    const [port, pgPort] = [await freePort(), await freePort()];
    const common = { PATH: process.env.PATH!, HOME: home, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false' };
    stack = spawn('npm', ['start'], {
      cwd: checkout,
      env: { ...common, PORT: String(port), TALLY_QUICKSTART_PG_PORT: String(pgPort), REDIS_URL: TEST_ENV.REDIS_URL, TALLY_QUEUE_PREFIX: `tally-readme-${process.pid}` },
      detached: true, // its own process group, so the test can press Ctrl+C on it
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stack.stdout!.on('data', (d) => (stackOut += d));
    stack.stderr!.on('data', (d) => (stackOut += d));
    const deadline = Date.now() + 150_000;
    while (!stackOut.includes('Tally is running.')) {
      if (stack.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${stackOut}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    shell = new Session(checkout, {
      ...common, TALLY_URL: `http://localhost:${port}`,
      NODE_HOST: sshd.host, NODE_PORT: String(sshd.port), NODE_USER: sshd.username,
      CLUSTER: cluster, RAPI_URL: standin.url, VM_NAME: 'instance2',
    });
  }, 180_000);

  afterAll(async () => {
    shell?.close();
    if (stack && stack.exitCode === null && stack.signalCode === null) {
      process.kill(-stack.pid!, 'SIGINT');
      await new Promise((r) => stack.once('exit', r));
    }
    await Promise.all([sshd?.stop(), standin?.close()]);
    for (const dir of [checkout, home]) rmSync(dir, { recursive: true, force: true });
  });

  /** The steps the README says to take on the node and on the cluster's master node. */
  const elsewhere = (b: Block) => {
    if (/cluster-ca\.pem/.test(b.text) && !existsSync(join(checkout, 'cluster-ca.pem'))) {
      const master = join(home, 'rapi.pem'); // as /var/lib/ganeti/rapi.pem holds it: key and certificate
      writeFileSync(master, standin.certificates.selfSigned.serverKey + standin.certificates.selfSigned.serverCert);
      const command = /`(openssl x509 -in \/var\/lib\/ganeti\/rapi\.pem)`/.exec(readme)![1].replace('/var/lib/ganeti/rapi.pem', master);
      writeFileSync(join(checkout, 'cluster-ca.pem'), execFileSync('sh', ['-c', command], { encoding: 'utf8' }));
    }
  };
  const afterwards = (b: Block) => {
    if (/ssh-keygen .* -f tally-node/.test(b.text)) sshd.authorize(readFileSync(join(checkout, 'tally-node.pub'), 'utf8'));
  };
  const run = async (b: Block) => {
    elsewhere(b);
    const out = await shell.run(b.text);
    afterwards(b);
    expect({ block: b.text, failed: out.match(/::failed::.*/g) }).toEqual({ block: b.text, failed: null });
    return out;
  };

  const checkDemo = async () => {
    rmSync(join(checkout, 'demo-report.csv'), { force: true });
    const out = await run(demo);
    expect(out).toMatch(/\[demo\] collected this machine: \d+ samples/);
    expect(out).toMatch(/\[demo\] collected 11 of 11 Ganeti VMs from the stand-in: 44 samples/);
    expect(out).toMatch(/\[demo\] report of slot \S+ written to demo-report\.csv/);
    expect(out).toMatch(/Usage: tally \[options\] \[command\]/);
    expect(readFileSync(join(checkout, 'demo-report.csv'), 'utf8')).toMatch(/instance2/);
  };

  const checkWalkThrough = async (pass: number) => {
    const outs = [];
    for (const b of walkThrough) outs.push(await run(b));
    const all = outs.join('\n');
    const [first] = outs;
    expect(first).toMatch(/"total":1\b/); // the samples pushed twice: one item
    expect(first).toMatch(/"items":\[\{"id":"[0-9a-f-]{36}","name":"Acme Lab \d+"[^\]]*\],"total":1\}/); // the client key sees its own client only
    expect(await shell.run('echo "$client $project $resource $key $node $vm"')).toMatch(/^([0-9a-f-]{36} ){5}[0-9a-f-]{36}\n$/);
    expect(all).toContain(pass === 1 ? `{"fqdn":"${cluster}","tlsMode":"ca","message":null}` : `"message":"fqdn: a cluster ${cluster} already exists"`);
    // runs watch (the pre-cache), then collect --wait: both tables end with a succeeded run.
    expect(all.match(/^\S+\s+\S+\s+succeeded\s+\d+\s+0\s+\d+\s+\d+$/gm)).toHaveLength(2);
    // …and collect --resource lists the two asked for.
    expect(all).toMatch(/^TARGET\s+NAME\s+OK\s+SAMPLES\s+REASON\n\S+\s+instance2\s+true\s+4\s+-\n\S+\s+node-1\s+true\s+1[0-9]\s+-$/m);
    expect(all).toMatch(/"measurement":"ganeti\.vcpus"/);
    expect(all).toMatch(/"measurement":"node\.up"[^}]*"value":1/);
    expect(all.match(/\{"name":"[^"]+","active":false\}/g)).toHaveLength(3);
  };

  it('has the two quick-start commands first, as the other blocks assume', () => {
    expect(blocks[0]).toBe(quickStart);
    expect(quickStart.text.split('\n').map((l) => l.replace(/\s+#.*$/, ''))).toEqual(['npm start', 'npm test']);
    expect(blocks.indexOf(demo)).toBe(1);
    expect(walkThrough.length).toBeGreaterThanOrEqual(4);
  });

  it('runs in the order written: the demo, then the walk-through', async () => {
    await checkDemo();
    await checkWalkThrough(1);
  }, 240_000);

  it('runs in another order: the walk-through, the demo, the walk-through again', async () => {
    await checkWalkThrough(2);
    await checkDemo();
    await checkWalkThrough(3);
  }, 300_000);

  it('stops everything on Ctrl+C, in order', async () => {
    process.kill(-stack.pid!, 'SIGINT');
    await new Promise((r) => stack.once('exit', r));
    expect(stackOut).toMatch(/API and worker stopped\n.*PostgreSQL stopped\n.*Stopped\.\n/s);
    // Nothing left behind for the next `npm start` to clean up.
    expect(existsSync(join(checkout, '.tally/processes.json'))).toBe(false);
  }, 60_000);
});
