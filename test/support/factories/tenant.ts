import type { TestApi } from '../api-app';
import { uniq } from './ids';

/** A client with one project, and a client-role key for it. */
export async function makeTenant(api: TestApi, scopes: string[] = []) {
  const admin = api.as(api.adminKey);
  const client = (await admin.post('/api/v1/clients').send({ name: uniq('client') }).expect(201)).body;
  const project = (await admin.post('/api/v1/projects').send({ clientId: client.id, name: uniq('project') }).expect(201)).body;
  const key = (await admin.post('/api/v1/api-keys').send({ name: uniq('key'), role: 'client', clientId: client.id, scopes }).expect(201)).body.key as string;
  return { client, project, key };
}
