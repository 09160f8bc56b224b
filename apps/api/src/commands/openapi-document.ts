// `node dist/apps/api/src/commands/openapi-document.js [file]`: the OpenAPI document the API
// serves at /api/docs-json, built without connecting to anything (Nest's preview mode
// instantiates no provider), for code generation (npm run openapi:types).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@tally/config';
import { writeFileSync } from 'node:fs';
import { AppModule } from '../app.module';
import { setApiPrefix } from '../app.setup';
import { buildOpenApi } from '../swagger';

async function main() {
  // Only the module graph matters here; no connection is opened in preview mode.
  const config = loadConfig({ DATABASE_URL: 'postgres://preview@127.0.0.1/preview', LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { preview: true, logger: false, abortOnError: false });
  setApiPrefix(app);
  const json = `${JSON.stringify(buildOpenApi(app), null, 2)}\n`;
  if (process.argv[2]) writeFileSync(process.argv[2], json);
  else process.stdout.write(json);
  await app.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
