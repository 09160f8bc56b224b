import { Client, QueryResultRow } from 'pg';

/**
 * One Postgres connection of a background loop's own, outside the pool (like the event
 * relay's LISTEN connection): the worker's pool is shared out exactly (workerDatabaseShares),
 * and a sender's few short statements should neither take a share nor wait for one. Its
 * queries run one after another; a lost connection is replaced at the next query.
 */
export class DedicatedConnection {
  private client?: Promise<Client>;
  /** The statement before: pg no longer queues queries on one client for its callers. */
  private last: Promise<unknown> = Promise.resolve();
  private readonly channels = new Map<string, () => void>();

  constructor(
    private readonly url: string,
    private readonly applicationName: string,
  ) {}

  query<T extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    const next = this.last.then(() => this.run<T>(sql, params));
    this.last = next.catch(() => undefined);
    return next;
  }

  private async run<T extends QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
    const client = await this.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } catch (e) {
      // A broken connection is dropped, so the next query gets a new one; a statement Postgres refused keeps it.
      if (!refusedStatement((e as { code?: string }).code)) this.drop(client);
      throw e;
    }
  }

  /**
   * Calls `wake` on every NOTIFY on `channel`, from the next connection on (LISTEN is repeated
   * on each new connection; notifications sent while none was open are lost, so callers poll too).
   */
  listen(channel: string, wake: () => void): void {
    this.channels.set(channel, wake);
  }

  async end(): Promise<void> {
    await this.last;
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<Client> {
    if (!this.client) {
      const client = new Client({ connectionString: this.url, application_name: this.applicationName });
      client.on('error', () => this.drop(client));
      client.on('notification', (n) => this.channels.get(n.channel)?.());
      this.client = client.connect().then(async () => {
        for (const channel of this.channels.keys()) await client.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
        return client;
      });
      this.client.catch(() => (this.client = undefined));
    }
    return this.client;
  }

  private drop(client: Client): void {
    this.client = undefined;
    client.end().catch(() => undefined);
  }
}

/** A SQLSTATE about the statement, not the connection (class 08) or the server going away (57P0x). */
function refusedStatement(code: string | undefined): boolean {
  return !!code && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08') && !code.startsWith('57P0');
}
