import { loadConfig } from '@tally/config';
import { dataSourceOptions, migrateLocked } from '@tally/database';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { seedReportClient, SeededClient, WINDOW } from '../support/factories/report-seed';
import { startReplicaPair, TestReplicaPair } from '../support/pg-replica';
import { waitFor } from '../collection/collection-env';

const MAX_LAG_SECONDS = 2;

/**
 * Reports read a streaming replica (DATABASE_READ_URL) made with pg_basebackup: they say how
 * far behind it is, show only what it has replayed, and are provisional while it is further
 * behind than TALLY_REPLICA_MAX_LAG_SECONDS, final again once it caught up. The samples list
 * reads it as well.
 */
describe('reports from a read replica', () => {
  let pair: TestReplicaPair;
  let api: TestApi;
  let seeded: SeededClient;

  beforeAll(async () => {
    pair = await startReplicaPair();
    const admin = new Client({ connectionString: pair.primaryUrl('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE tally');
    await admin.end();
    // Migrated on the primary; the replica follows by streaming.
    const ds = new DataSource(dataSourceOptions(loadConfig({ ...process.env, DATABASE_URL: pair.primaryUrl('tally') })));
    await ds.initialize();
    await migrateLocked(ds);
    await ds.destroy();
    api = await startApi({
      DATABASE_URL: pair.primaryUrl('tally'),
      DATABASE_READ_URL: pair.replicaUrl('tally'),
      TALLY_REPLICA_MAX_LAG_SECONDS: String(MAX_LAG_SECONDS),
    });
    seeded = await seedReportClient(api);
  }, 90_000);

  afterAll(async () => {
    await api?.close();
    await pair?.stop();
  });

  const report = async () => {
    const res = await api.as(api.adminKey).get(`/api/v1/clients/${seeded.client.id}/report`).query({ ...WINDOW, format: 'json' }).expect(200);
    const db1 = res.body.projects.flatMap((p: any) => p.resources).find((r: any) => r.id === seeded.resources.db1);
    return { body: res.body, lagHeader: res.headers['x-replica-lag-seconds'], db1Samples: db1?.measurements[0].samples as number | undefined };
  };

  it('says how far behind the replica is, and reads only what it has replayed', async () => {
    const caughtUp = await waitFor('the replica to replay the seed', async () => {
      const r = await report();
      return r.db1Samples === 1 && r.body.replicaLagSeconds === 0 && r;
    });
    expect(caughtUp.body.status).toBe('final');
    expect(caughtUp.lagHeader).toBe('0');

    await pair.pauseReplay();
    // A late sample lands on the primary only.
    await api.db.query(
      `INSERT INTO samples (resource_id, measurement_id, ts, value) SELECT $1, id, '2026-10-01T00:30:00Z', 1 FROM measurements WHERE key = 'ganeti.vcpus'`,
      [seeded.resources.db1],
    );
    const behind = await waitFor('the replica to fall behind', async () => {
      const r = await report();
      return r.body.replicaLagSeconds > MAX_LAG_SECONDS && r;
    }, 20_000);
    expect(behind.body.status).toBe('provisional');
    expect(Number(behind.lagHeader)).toBe(behind.body.replicaLagSeconds);
    expect(behind.db1Samples).toBe(1);
    // The samples list reads the replica too.
    const listed = async () => (await api.as(api.adminKey).get(`/api/v1/resources/${seeded.resources.db1}/samples`).expect(200)).body.total;
    expect(await listed()).toBe(1);

    await pair.resumeReplay();
    const after = await waitFor('the replica to catch up', async () => {
      const r = await report();
      return r.body.replicaLagSeconds === 0 && r;
    }, 20_000);
    expect(after).toMatchObject({ db1Samples: 2, lagHeader: '0', body: { status: 'final' } });
    expect(await listed()).toBe(2);
  });
});
