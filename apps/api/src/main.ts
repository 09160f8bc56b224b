import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '@tally/config';
import { closeOnSignals, endpointOf } from '@tally/runtime';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';

async function main() {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  configureApp(app);
  await app.listen(config.http.port, config.http.host);
  const extras = ['Swagger UI at /api/docs', 'metrics at /metrics', ...(config.queueDashboard.enabled ? ['queue dashboard at /admin/queues'] : [])];
  app.get(Logger).log(`API listening on http://${config.http.host}:${config.http.port} (${extras.join(', ')})`);
  app.get(Logger).log(`using Postgres at ${endpointOf(config.database.url)} and Redis at ${endpointOf(config.redis.url)} (queue prefix ${config.redis.queuePrefix})`);

  closeOnSignals(app, (message) => app.get(Logger).log(`API ${message}`));
}

main().catch((err) => {
  // Config problems are the operator's to fix: print them plainly, without a stack.
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
