import 'reflect-metadata';
import { loadConfig } from '@tally/config';
import { dataSourceOptions } from '@tally/database';
import { DataSource } from 'typeorm';

describe('schema', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(loadConfig()));
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('entities and migrations agree (TypeORM would change nothing)', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('creates monthly sample partitions on demand, once', async () => {
    await ds.query(`SELECT tally_ensure_sample_partitions('2031-01-31T23:00:00Z', '2031-03-01T00:00:00Z')`);
    await ds.query(`SELECT tally_ensure_sample_partitions('2031-02-10T00:00:00Z', '2031-02-11T00:00:00Z')`);
    const rows: { name: string }[] = await ds.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'samples'::regclass AND c.relname LIKE 'samples_2031%' ORDER BY 1`,
    );
    expect(rows.map((r) => r.name)).toEqual(['samples_2031_01', 'samples_2031_02', 'samples_2031_03']);
  });

  it('every migration can be reverted and re-applied', async () => {
    await ds.undoLastMigration({ transaction: 'each' });
    const tables: unknown[] = await ds.query(`SELECT 1 FROM pg_tables WHERE tablename = 'clients'`);
    expect(tables).toHaveLength(0);
    await ds.runMigrations({ transaction: 'each' });
    const count: { n: string }[] = await ds.query(`SELECT count(*) AS n FROM measurements WHERE builtin`);
    expect(Number(count[0].n)).toBe(14);
  });
});
