#!/usr/bin/env node
'use strict';
/**
 * bench/webhooks: webhook deliveries per second to a loopback receiver, end to end (events
 * written → relay → after-hook → dispatcher → signed POST), against a raw undici POST loop of
 * the same bodies to the same receiver; and, idle, the event-to-delivery latency (p50/p99).
 *
 *   npm run build && npm run bench:webhooks -- [--events 10000] [--subscriptions 1,8] [--idle 200] [--runs 3]
 *   (needs Postgres at TALLY_TEST_PG_ADMIN_URL or postgres://postgres@127.0.0.1:5432/postgres;
 *    makes and drops a database of its own)
 *
 * Tally side: the built EventRelayModule + BuiltinHooksModule + WebhookDispatchModule in this
 * process (what the worker runs for events), at the default settings (relay batch 500,
 * TALLY_WEBHOOK_CONCURRENCY 32, outbox poll 250 ms). Each subscription receives every event
 * and is sent in order, one delivery after another. Baseline: the same number of POSTs with
 * undici's request() through one keep-alive Agent, as many at once as there are
 * subscriptions. The ratio is Tally's rate over the baseline's. Not part of npm test.
 */
const { createServer } = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist/libs');
if (!fs.existsSync(path.join(DIST, 'webhooks/src/index.js'))) {
  console.error('dist/ is missing: run "npm run build" first');
  process.exit(2);
}
require('reflect-metadata');
const { request, Agent } = require('undici');

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const EVENTS = Number(flag('--events', '10000'));
const SUBS = flag('--subscriptions', '1,8').split(',').map(Number);
const IDLE = Number(flag('--idle', '200'));
const RUNS = Number(flag('--runs', '3'));
const ADMIN_URL = process.env.TALLY_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (...a) => console.log(...a);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const median = (xs) => pct(xs, 50);

async function receiver() {
  const state = { n: 0, target: Infinity, done: () => undefined, arrivals: [] };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.n++;
      if (state.recordLatency) state.arrivals.push(Date.now() - Date.parse(JSON.parse(body).timestamp));
      res.writeHead(204).end();
      if (state.n >= state.target) state.done();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${server.address().port}/hook`;
  state.until = (target) => new Promise((resolve) => {
    state.target = target;
    state.done = resolve;
    if (state.n >= target) resolve();
  });
  state.close = () => new Promise((r) => { server.closeAllConnections(); server.close(r); });
  return state;
}

async function main() {
  const name = `tally_bench_webhooks_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const env = {
    NODE_ENV: 'test', DATABASE_URL: url.toString(), LOG_LEVEL: 'silent', TALLY_HOOKS: 'webhooks', TALLY_WEBHOOKS_ALLOW_PRIVATE: 'true',
    TALLY_SECRET_KEYS: `1:${randomBytes(32).toString('base64')}`, TALLY_MIGRATE_ON_BOOT: 'false',
  };
  const { loadConfig, ConfigModule } = require(path.join(DIST, 'config/src'));
  const { dataSourceOptions, migrateLocked, DatabaseModule } = require(path.join(DIST, 'database/src'));
  const { EventRelayModule, EventsService } = require(path.join(DIST, 'events/src'));
  const { BuiltinHooksModule } = require(path.join(DIST, 'hooks/src'));
  const { WebhookDispatchModule, WebhooksService, WebhooksModule } = require(path.join(DIST, 'webhooks/src'));
  const { Module } = require('@nestjs/common');
  const { NestFactory } = require('@nestjs/core');
  const { DataSource } = require('typeorm');
  const config = loadConfig(env);
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  await migrateLocked(ds);
  await ds.destroy();

  class BenchModule {}
  Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, EventRelayModule, BuiltinHooksModule, WebhookDispatchModule, WebhooksModule] })(BenchModule);
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  await app.init();
  const db = app.get(DataSource);
  const events = app.get(EventsService);
  const webhooks = app.get(WebhooksService);
  const who = { keyId: 'bench', keyName: 'bench', role: 'admin', clientId: null, scopes: [] };
  const rx = await receiver();
  const results = [];
  let seq = 0;
  const write = async (n) => {
    for (let i = 0; i < n; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, n - i) }, () => ({
        type: 'host.down', subject: { type: 'resource', id: `r-${++seq}` }, clientId: null,
        data: { resourceId: `r-${seq}`, name: `node-${seq}.example.net`, runId: 'bench', slot: new Date().toISOString(), reason: 'bench' },
      }));
      await db.transaction((tx) => events.recordAll(tx, batch));
    }
  };
  try {
    const sampleBody = JSON.stringify({ type: 'host.down', timestamp: new Date().toISOString(), data: { id: '1', type: 'host.down', data: { name: 'node-1.example.net', reason: 'bench' } } });
    for (const subs of SUBS) {
      const created = [];
      for (let s = 0; s < subs; s++) created.push((await webhooks.create(who, { url: rx.url, events: ['host.*'] })).webhook.id);
      for (let run = 1; run <= RUNS; run++) {
        // Tally: events written as fast as the writer can, delivered subs × EVENTS times.
        rx.n = 0;
        const t0 = performance.now();
        const arrived = rx.until(EVENTS * subs);
        await write(EVENTS);
        await arrived;
        const tally = (EVENTS * subs) / ((performance.now() - t0) / 1000);
        // Baseline: the same number of POSTs, `subs` at a time, same receiver, same headers' size.
        rx.n = 0;
        rx.target = Infinity;
        const agent = new Agent({ keepAliveTimeout: 30_000 });
        const headers = { 'content-type': 'application/json', 'webhook-id': 'msg_1_0123456789abcdef0123456789abcdef', 'webhook-timestamp': '1', 'webhook-signature': `v1,${'A'.repeat(44)}` };
        const t1 = performance.now();
        let left = EVENTS * subs;
        await Promise.all(Array.from({ length: subs }, async () => {
          while (left-- > 0) {
            const res = await request(rx.url, { method: 'POST', body: sampleBody, headers, dispatcher: agent });
            await res.body.dump();
          }
        }));
        const base = (EVENTS * subs) / ((performance.now() - t1) / 1000);
        await agent.close();
        results.push({ subs, run, tally, base });
        log(`subscriptions=${subs} run ${run}: Tally ${tally.toFixed(0)} deliveries/s, raw undici ${base.toFixed(0)} POST/s, ratio ${(tally / base).toFixed(2)} (load ${load()})`);
      }
      await db.query(`UPDATE webhook_subscriptions SET active = false WHERE id = ANY($1)`, [created]);
    }
    // Idle: one event at a time, 20–60 ms apart, one subscription; latency from the event's timestamp to its arrival.
    const one = (await webhooks.create(who, { url: rx.url, events: ['host.*'] })).webhook.id;
    rx.n = 0;
    rx.arrivals = [];
    rx.recordLatency = true;
    const arrived = rx.until(IDLE);
    for (let i = 0; i < IDLE; i++) {
      await write(1);
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 40));
    }
    await arrived;
    log(`idle, ${IDLE} events one at a time: event-to-delivery p50 ${median(rx.arrivals)} ms, p99 ${pct(rx.arrivals, 99)} ms, max ${Math.max(...rx.arrivals)} ms (goal p99 < 2000 ms)`);
    await db.query(`UPDATE webhook_subscriptions SET active = false WHERE id = $1`, [one]);
    for (const subs of SUBS) {
      const mine = results.filter((r) => r.subs === subs);
      log(`summary subscriptions=${subs}: median Tally ${median(mine.map((r) => r.tally)).toFixed(0)}/s (goal ≥ 500), median ratio ${median(mine.map((r) => r.tally / r.base)).toFixed(2)}`);
    }
  } finally {
    await app.close();
    await rx.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
