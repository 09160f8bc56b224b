import { DedicatedConnection } from '@tally/database';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';

/** The senders' own connection (webhooks, mail) survives Postgres going away and coming back. */
describe('DedicatedConnection', () => {
  let proxy: TcpProxy;
  let conn: DedicatedConnection;
  beforeAll(async () => {
    const target = new URL(process.env.DATABASE_URL!);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    conn = new DedicatedConnection(target.toString(), 'tally-test-dedicated');
  });
  afterAll(async () => {
    await conn.end();
    await proxy.close();
  });

  it('fails while Postgres is unreachable and works again once it is back, keeping statement errors apart', async () => {
    expect(await conn.query('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    await expect(conn.query('SELECT no_such_column FROM pg_class LIMIT 1')).rejects.toMatchObject({ code: '42703' });
    expect(await conn.query('SELECT 2 AS n')).toEqual([{ n: 2 }]); // a refused statement keeps the connection
    proxy.cut();
    await expect(conn.query('SELECT 3 AS n')).rejects.toThrow();
    await expect(conn.query('SELECT 3 AS n')).rejects.toThrow();
    proxy.restore();
    expect(await conn.query('SELECT 4 AS n')).toEqual([{ n: 4 }]);
  });

  it('runs statements one after another, in the order they were asked for', async () => {
    const order: number[] = [];
    await Promise.all([3, 1, 2].map((ms, i) => conn.query(`SELECT pg_sleep(${ms / 100}), ${i} AS i`).then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2]);
  });
});
