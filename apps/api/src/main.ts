import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '@tally/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';

async function main() {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  configureApp(app, config);
  await app.listen(config.http.port, config.http.host);
  app.get(Logger).log(`API listening on http://${config.http.host}:${config.http.port} (Swagger UI at /api/docs)`);

  // Close on SIGTERM/SIGINT (stop accepting, finish in-flight requests, close connections),
  // then exit 0 so process managers see a clean stop; a second signal forces the exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      process.once(signal, () => process.exit(1));
      app.get(Logger).log(`API stopping (${signal})`);
      app.close().then(
        () => process.exit(0),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err) => {
  // Config problems are the operator's to fix: print them plainly, without a stack.
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
