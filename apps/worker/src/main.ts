import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SpoolUnusableError } from '@tally/collectors';
import { ConfigError, loadConfig } from '@tally/config';
import { closeOnSignals } from '@tally/runtime';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function main() {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  app.get(Logger).log('worker started');

  closeOnSignals(app, (message) => app.get(Logger).log(`worker ${message}`));
}

main().catch((err) => {
  // A setting to change: the message says which; a stack would only bury it.
  console.error(err instanceof ConfigError || err instanceof SpoolUnusableError ? err.message : err);
  process.exit(1);
});
