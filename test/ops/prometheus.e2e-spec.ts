import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, TestApi } from '../support/api-app';
import { Inventory } from '../support/factories';
import { freePort } from '../support/net';
import { ROOT } from '../support/processes';
import { startSshd, TestSshd } from '../support/sshd';
import { startWorkerProcess } from '../support/worker-process';
import { collectionEnv, dropRedisPrefix, privateDatabase, runWatcher, testSlot, waitFor } from '../collection/collection-env';

const TOKEN = 'prometheus-test-token-0123456789abcdef';
const dashboard = JSON.parse(readFileSync(join(ROOT, 'docs/grafana-dashboard.json'), 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };

/**
 * A real Prometheus (Debian's prometheus package: .ci/run installs it) scrapes the API and the
 * real worker process with the metrics token, a collection runs, and then every query of
 * docs/grafana-dashboard.json is asked of that Prometheus: each must be valid PromQL, and the
 * panels that show a collection must have data. promtool, from the same package, lints both
 * scrapes as Prometheus's own tooling reads them.
 */
describe('Prometheus and the Grafana dashboard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tally-prometheus-'));
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let sshd: TestSshd;
  let worker: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
  let prometheus: ReturnType<typeof spawn> | undefined;
  let promLog = '';
  let apiPort: number;
  let workerPort: number;
  let promUrl: string;
  const admin = () => api.as(api.adminKey);
  const { done } = runWatcher(admin);

  const query = async (expr: string): Promise<{ status: string; error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } }> =>
    (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`)).json() as never;

  beforeAll(async () => {
    db = await privateDatabase();
    [apiPort, workerPort] = [await freePort(), await freePort()];
    env = collectionEnv(db.url, { TALLY_METRICS_TOKEN: TOKEN, TALLY_WORKER_METRICS_PORT: String(workerPort) });
    [api, sshd] = await Promise.all([startApi(env), startSshd()]);
    await api.app.listen(apiPort, '127.0.0.1');
    worker = await startWorkerProcess(env);

    writeFileSync(join(dir, 'token'), TOKEN);
    writeFileSync(join(dir, 'prometheus.yml'), [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: ['${join(ROOT, 'docs/prometheus-alerts.yml')}']`,
      'scrape_configs:',
      '  - job_name: tally',
      `    authorization: { credentials_file: ${join(dir, 'token')} }`,
      `    static_configs: [{ targets: ['127.0.0.1:${apiPort}', '127.0.0.1:${workerPort}'] }]`,
      '',
    ].join('\n'));
    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    prometheus = spawn('prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    prometheus.stdout!.on('data', (d) => (promLog += d));
    prometheus.stderr!.on('data', (d) => (promLog += d));
    await waitFor(`Prometheus to be ready\n${promLog}`, async () => (await fetch(`${promUrl}/-/ready`)).ok, 30_000);
  }, 90_000);

  it('scrapes both processes with the token, and every dashboard query answers; a collection shows', async () => {
    // Both targets up: the token was accepted and both answers parsed.
    await waitFor('both targets to be up', async () => {
      const up = await query('up{job="tally"}');
      return up.data?.result.length === 2 && up.data.result.every((r) => r.value[1] === '1');
    }, 30_000);

    const inv = await new Inventory(api).init();
    const key = await inv.credential('ssh-private-key', sshd.privateKey);
    await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: key });
    const { id } = (await admin().post('/api/v1/collections').send({ slot: testSlot().toISOString() }).expect(201)).body;
    await done(id);

    // Prometheus has seen the collection: samples written went up, the slot finished.
    await waitFor('the collection in Prometheus', async () => {
      const [samples, slot] = await Promise.all([query('sum(rate(tally_samples_written_total{job="tally"}[1m]))'), query('max(tally_collection_last_slot_timestamp_seconds)')]);
      return Number(samples.data?.result[0]?.value[1] ?? 0) > 0 && Number(slot.data?.result[0]?.value[1] ?? 0) > 0;
    }, 30_000);

    const expr = (title: string) => dashboard.panels.find((p) => p.title === title)!.targets![0].expr.replaceAll('$job', 'tally');
    const problems: string[] = [];
    for (const panel of dashboard.panels) {
      for (const target of panel.targets ?? []) {
        const answer = await query(target.expr.replaceAll('$job', 'tally'));
        if (answer.status !== 'success') problems.push(`${panel.title}: ${target.expr}: ${answer.error}`);
      }
    }
    expect(problems).toEqual([]);

    // The panels a collection moves have data.
    for (const title of ['Requests / s by route and status', 'Latency p99 by route', 'Queue depth by queue and state', 'Job duration p95 by job',
      'Job outcomes / s', 'Poll outcomes by source and reason', 'Slot lag', 'Dependencies up', 'Time since the last finished slot', 'CPU']) {
      // rate() needs two scrapes of a series: a series born with the collection has data a scrape later.
      await waitFor(`data in "${title}"`, async () => ((await query(expr(title))).data?.result.length ?? 0) > 0, 15_000);
    }
    const outcomes = await query(expr('Poll outcomes by source and reason'));
    expect(outcomes.data!.result.map((r) => r.metric)).toEqual(expect.arrayContaining([{ source: 'ssh', outcome: 'ok', reason: 'none' }]));
    const deps = await query(expr('Dependencies up'));
    expect(Object.fromEntries(deps.data!.result.map((r) => [r.metric.dependency, r.value[1]]))).toEqual({ postgres: '1', redis: '1' });
  }, 120_000);

  it('accepts the example alerting rules: promtool checks them, and Prometheus evaluates each without error', async () => {
    const check = spawnSync('promtool', ['check', 'rules', join(ROOT, 'docs/prometheus-alerts.yml')], { encoding: 'utf8' });
    expect([check.status, check.stdout + check.stderr]).toEqual([0, expect.stringContaining('SUCCESS: 9 rules found')]);
    const rules = await waitFor('every rule evaluated', async () => {
      const body = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] } };
      const all = body.data.groups.flatMap((g) => g.rules);
      return all.length === 9 && all.every((r) => r.health !== 'unknown') && all;
    }, 15_000);
    expect(rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.lastError}`)).toEqual([]);
  });

  it.each(['api', 'worker'] as const)("the %s's scrape passes promtool check metrics for every Tally metric", async (which) => {
    const port = which === 'api' ? apiPort : workerPort;
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(lint.error).toBeUndefined();
    // promtool prints one line per problem, "<metric> <what is wrong>"; prom-client's own defaults are not ours to fix.
    const ours = `${lint.stdout}${lint.stderr}`.split('\n').filter((l) => l.startsWith('tally_'));
    expect(ours).toEqual([]);
    expect(text).toContain('tally_up{dependency="redis"} 1');
  });

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await worker?.kill('SIGTERM');
    await api?.close();
    await sshd?.stop();
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
});
