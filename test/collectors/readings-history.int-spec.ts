import { loadConfig } from '@tally/config';
import { dataSourceOptions } from '@tally/database';
import { DataSource } from 'typeorm';
import { READINGS_HISTORY_SQL, readingsHistoryParams } from '../../libs/collectors/src/readings-history.sql';
import { insertClient, insertProject, insertResource } from '../support/factories';

const SLOT = new Date('2022-01-01T00:00:00Z');
const HALF_HOUR = 1_800_000;

/** The persist step's per-node history lookup costs the same after a year of samples as after a day. */
describe('readings history lookup', () => {
  let db: DataSource;
  let nodeUp: number;

  beforeAll(async () => {
    db = new DataSource(dataSourceOptions(loadConfig()));
    await db.initialize();
    [{ id: nodeUp }] = await db.query(`SELECT id FROM measurements WHERE key = 'node.up'`);
  });
  afterAll(() => db.destroy());

  /** A node polled every slot for `days` up to SLOT, rebooted half way; down (no boot id) for the last two slots. */
  async function node(projectId: string, days: number): Promise<string> {
    const id = await insertResource(db, projectId, `node-${days}d`, { type: 'node' });
    const first = new Date(SLOT.getTime() - days * 86_400_000);
    await db.query(`SELECT tally_ensure_sample_partitions($1, $2)`, [first.toISOString(), SLOT.toISOString()]);
    await db.query(
      `INSERT INTO samples (resource_id, measurement_id, ts, value, boot_id)
       SELECT $1::uuid, $2::smallint, ts, CASE WHEN ts >= $5::timestamptz THEN 0 ELSE 1 END,
              CASE WHEN ts >= $5::timestamptz THEN NULL
                   WHEN ts < $3::timestamptz + ($4::timestamptz - $3::timestamptz) / 2 THEN md5('a' || $1::text)::uuid
                   ELSE md5('b' || $1::text)::uuid END
         FROM generate_series($3::timestamptz, $4::timestamptz - interval '30 minutes', interval '30 minutes') ts`,
      [id, nodeUp, first.toISOString(), SLOT.toISOString(), new Date(SLOT.getTime() - 2 * HALF_HOUR).toISOString()],
    );
    return id;
  }

  async function lookup(id: string): Promise<{ bootId: string; buffers: number }> {
    const params = readingsHistoryParams([id], [nodeUp], SLOT, false);
    const [{ boot_id: bootId }] = await db.query(READINGS_HISTORY_SQL, params);
    const [{ 'QUERY PLAN': [plan] }] = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${READINGS_HISTORY_SQL}`, params);
    return { bootId, buffers: plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'] };
  }

  it('finds the boot id before the slot in a few index pages, however long the history', async () => {
    const project = await insertProject(db, (await insertClient(db)).id, 'history');
    const day = await node(project, 1);
    const year = await node(project, 365);
    const [short, long] = [await lookup(day), await lookup(year)];
    const [[{ b: expectedDay }], [{ b: expectedYear }]] = await Promise.all([day, year].map((id) => db.query(`SELECT md5('b' || $1::text)::uuid AS b`, [id])));
    expect([short.bootId, long.bootId]).toEqual([expectedDay, expectedYear]); // past the slots it was down
    // Reading every earlier sample of the node (the old lookup) took hundreds of pages after a year.
    expect(long.buffers).toBeLessThanOrEqual(short.buffers + 2);
    expect(long.buffers).toBeLessThan(20);
  });
});
