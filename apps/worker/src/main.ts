import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SpoolUnusableError } from '@tally/collectors';
import { ConfigError, loadConfig } from '@tally/config';
import { closeOnSignals, endpointOf, QuietStartLogger } from '@tally/runtime';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function main() {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  // Nest's own start-up lines (a line per module) at debug.
  app.useLogger(new QuietStartLogger(app.get(Logger)));
  await app.init();
  app.get(Logger).log(`worker started: Postgres at ${endpointOf(config.database.url)}, Redis at ${endpointOf(config.redis.url)} (queue prefix ${config.redis.queuePrefix})`);

  closeOnSignals(app, (message) => app.get(Logger).log(`worker ${message}`));
}

main().catch((err) => {
  // A setting to change: the message says which; a stack would only bury it.
  console.error(err instanceof ConfigError || err instanceof SpoolUnusableError ? err.message : err);
  process.exit(1);
});
