import 'reflect-metadata';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, loadConfig } from '@tally/config';
import { DatabaseModule } from '@tally/database';
import { EventRelayModule } from '@tally/events';
import { BuiltinHooksModule } from '@tally/hooks';
import { MailSenderModule } from '@tally/mail';
import { WebhookDispatchModule } from '@tally/webhooks';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The worker's event side in this process (relay, after-hooks, webhook dispatcher, mail
 * sender), without the collection queues; the real worker process is in the e2e suite.
 * Each suite gives it a database of its own (privateDatabase): a dispatcher sends every
 * subscription it finds, and other suites (the fuzzer) make subscriptions to made-up URLs.
 */
export async function startEventWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const config = loadConfig({ ...process.env, TALLY_HOOKS: 'webhooks', TALLY_EVENT_RELAY_POLL_MS: '100', TALLY_OUTBOX_POLL: '50ms', ...env });
  @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, EventRelayModule, BuiltinHooksModule, WebhookDispatchModule, MailSenderModule] })
  class EventWorkerModule {}
  const app = await NestFactory.createApplicationContext(EventWorkerModule, { logger: false, abortOnError: false });
  await app.init();
  return app;
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; data: { id: string; type: string; clientId: string | null; data: Record<string, any> } };
  status: number;
}

/** A real HTTP receiver on loopback. `answer` decides each request's status (and may take its time); every answered request is kept. */
export async function startReceiver(answer: (req: Omit<Received, 'status'>) => number | Promise<number> = () => 200, atPort = 0) {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      let json: Received['json'];
      try {
        json = JSON.parse(body);
      } catch {
        json = { type: '', timestamp: '', data: { id: '', type: '', clientId: null, data: {} } };
      }
      const got = { headers: req.headers, body, json };
      void Promise.resolve(answer(got)).then((status) => {
        requests.push({ ...got, status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(atPort, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    /** Requests that got a 2xx, i.e. deliveries. */
    delivered: () => requests.filter((r) => r.status < 300),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
