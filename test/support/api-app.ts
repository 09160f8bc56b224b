import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@tally/config';
import { ApiKeysService } from '@tally/tenancy';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/app.setup';

export interface TestApi {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  adminKey: string;
  /** A supertest agent preset with a bearer key. */
  as(key: string): KeyedAgent;
  close(): Promise<void>;
}

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
export type KeyedAgent = Record<Method, (url: string) => request.Test>;

/** The real API (same module, same HTTP setup as main.ts) on an ephemeral port. */
export async function startApi(env: Record<string, string> = {}): Promise<TestApi> {
  const config = loadConfig({ ...process.env, ...env });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  const server = app.getHttpServer();
  const http = request(server);
  const { key: adminKey } = await app.get(ApiKeysService).create({ name: `test-admin-${randomUUID()}`, role: 'admin' });
  const as = (key: string): KeyedAgent => {
    const make = (m: Method) => (url: string) => http[m](url).set('Authorization', `Bearer ${key}`);
    return { get: make('get'), post: make('post'), patch: make('patch'), put: make('put'), delete: make('delete') };
  };
  return { app, http, db: app.get(DataSource), adminKey, as, close: () => app.close() };
}
