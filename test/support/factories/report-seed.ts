import type { TestApi } from '../api-app';
import { uniq } from './ids';

/**
 * A client with known usage in a fixed, long-past window (so the report is final), shared by
 * the report API, billing page and CLI suites. Names are unique per call; nothing is truncated.
 *
 * Window 2026-10-01T00:00Z – 02:00Z, 30-minute slots → 4 expected per series.
 *   alpha / vm-1        ganeti.vcpus 2,2,2,2           → 4 vCPU·h, coverage 1
 *                       net.rx 100,300,50(reset),150   with baseline 40 before the window → 410 byte
 *   alpha / @old-vm     inactive; ganeti.vcpus 4,4     → 4 vCPU·h; load.1m −0.5 → −0.25 h
 *   beta  / -db-1       ganeti.vcpus 1                 → 0.5 vCPU·h, coverage 0.25
 */
export const WINDOW = { from: '2026-10-01T00:00:00Z', to: '2026-10-01T02:00:00Z' };

export interface SeededClient {
  client: { id: string; name: string };
  projects: { alpha: string; beta: string };
  resources: { vm1: string; oldVm: string; db1: string };
  clientKey: string;
}

export async function seedReportClient(api: TestApi, namePrefix = '=HYPERLINK("x") Lab'): Promise<SeededClient> {
  const admin = api.as(api.adminKey);
  const client = (await admin.post('/api/v1/clients').send({ name: `${namePrefix} ${uniq('c')}` }).expect(201)).body;
  const project = async (name: string) => (await admin.post('/api/v1/projects').send({ clientId: client.id, name }).expect(201)).body.id as string;
  const alpha = await project('alpha');
  const beta = await project('beta');
  const clientKey = (await admin.post('/api/v1/api-keys').send({ name: uniq('key'), role: 'client', clientId: client.id }).expect(201)).body.key as string;
  const vm1 = await insertResource(api, alpha, 'vm-1', true);
  const oldVm = await insertResource(api, alpha, '@old-vm', false);
  const db1 = await insertResource(api, beta, '-db-1', true);
  await assign(api, vm1, ['ganeti.vcpus', 'net.rx']);
  await assign(api, db1, ['ganeti.vcpus']);
  await api.db.query(`SELECT tally_ensure_sample_partitions($1, $2)`, ['2026-09-30T00:00:00Z', WINDOW.to]);
  const t = (hhmm: string) => `2026-10-01T${hhmm}:00Z`;
  await insertSamples(api, vm1, 'ganeti.vcpus', [[t('00:00'), 2], [t('00:30'), 2], [t('01:00'), 2], [t('01:30'), 2]]);
  await insertSamples(api, vm1, 'net.rx', [['2026-09-30T23:30:00Z', 40], [t('00:00'), 100], [t('00:30'), 300], [t('01:00'), 50], [t('01:30'), 150]]);
  await insertSamples(api, oldVm, 'ganeti.vcpus', [[t('00:00'), 4], [t('00:30'), 4]]);
  await insertSamples(api, oldVm, 'load.1m', [[t('00:00'), -0.5]]);
  await insertSamples(api, db1, 'ganeti.vcpus', [[t('00:00'), 1]]);
  return { client, projects: { alpha, beta }, resources: { vm1, oldVm, db1 }, clientKey };
}

async function insertResource(api: TestApi, projectId: string, name: string, active: boolean): Promise<string> {
  const [row] = await api.db.query(
    `INSERT INTO resources (project_id, name, type, active, created_at) VALUES ($1, $2, 'report-test', $3, '2026-09-01T00:00:00Z') RETURNING id`,
    [projectId, name, active],
  );
  return row.id;
}

async function assign(api: TestApi, resourceId: string, keys: string[]): Promise<void> {
  await api.db.query(`INSERT INTO resource_measurements (resource_id, measurement_id) SELECT $1, id FROM measurements WHERE key = ANY($2)`, [resourceId, keys]);
}

async function insertSamples(api: TestApi, resourceId: string, key: string, rows: [string, number][]): Promise<void> {
  await api.db.query(
    `INSERT INTO samples (resource_id, measurement_id, ts, value)
     SELECT $1, (SELECT id FROM measurements WHERE key = $2), t.ts, t.value
       FROM unnest($3::timestamptz[], $4::float8[]) AS t(ts, value)`,
    [resourceId, key, rows.map((r) => r[0]), rows.map((r) => r[1])],
  );
}
