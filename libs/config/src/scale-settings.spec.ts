import { ConfigError, loadConfig } from './load-config';

const base = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: Redis Cluster', () => {
  it('is off by default, and the prefix stays as given', () => {
    expect(loadConfig(base).redis).toMatchObject({ clusterNodes: undefined, queuePrefix: 'tally' });
  });

  it('reads the seed nodes, IPv6 in brackets too, and gives the prefix a hash tag unless it has one', () => {
    const redis = loadConfig({ ...base, REDIS_CLUSTER_NODES: '10.0.0.1:7000, [::1]:7001' }).redis;
    expect(redis.clusterNodes).toEqual([{ host: '10.0.0.1', port: 7000 }, { host: '::1', port: 7001 }]);
    expect(redis.queuePrefix).toBe('{tally}');
    expect(loadConfig({ ...base, REDIS_CLUSTER_NODES: 'a:1', TALLY_QUEUE_PREFIX: 'acme-{eu}' }).redis.queuePrefix).toBe('acme-{eu}');
  });

  // An empty value is unset, as for every setting.
  it.each(['redis-a', 'redis-a:0', 'redis-a:70000', 'a:1,,b', ':7000'])('names REDIS_CLUSTER_NODES="%s" as bad', (value) => {
    expect(problemsOf({ REDIS_CLUSTER_NODES: value })).toEqual([expect.stringMatching(/^REDIS_CLUSTER_NODES must be comma-separated host:port/)]);
  });
});

describe('loadConfig: read replica', () => {
  it('reads the primary alone by default, with a minute of lag allowed once there is a replica', () => {
    const db = loadConfig(base).database;
    expect(db.readUrl).toBeUndefined();
    expect(db.reports.maxReplicaLagSeconds).toBe(60);
  });

  it('takes a postgres:// replica URL and names anything else', () => {
    expect(loadConfig({ ...base, DATABASE_READ_URL: 'postgres://u@replica:5432/db' }).database.readUrl).toBe('postgres://u@replica:5432/db');
    expect(problemsOf({ DATABASE_READ_URL: 'mysql://replica/db' })).toEqual(['DATABASE_READ_URL must be a postgres:// or postgresql:// URL']);
    expect(problemsOf({ TALLY_REPLICA_MAX_LAG_SECONDS: '-1' }).join('\n')).toMatch(/TALLY_REPLICA_MAX_LAG_SECONDS/);
  });
});
