import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '@tally/config';
import { closeOnSignals } from '@tally/runtime';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';

async function main() {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  configureApp(app);
  await app.listen(config.http.port, config.http.host);
  app.get(Logger).log(`API listening on http://${config.http.host}:${config.http.port} (Swagger UI at /api/docs)`);

  closeOnSignals(app, (message) => app.get(Logger).log(`API ${message}`));
}

main().catch((err) => {
  // Config problems are the operator's to fix: print them plainly, without a stack.
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
