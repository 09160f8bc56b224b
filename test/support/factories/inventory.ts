import type { KeyedAgent, TestApi } from '../api-app';
import { uniq } from './ids';
import { makeTenant } from './tenant';

/** Inventory made through the real API, as an operator would. */
export class Inventory {
  readonly admin: KeyedAgent;
  projectId = '';

  constructor(private readonly api: TestApi) {
    this.admin = api.as(api.adminKey);
  }

  async init(): Promise<this> {
    this.projectId = (await makeTenant(this.api)).project.id;
    return this;
  }

  async credential(kind: 'ssh-private-key' | 'password', secret: string, username?: string): Promise<string> {
    const body = { name: uniq('cred'), kind, secret, ...(username ? { username } : {}) };
    return (await this.admin.post('/api/v1/credentials').send(body).expect(201)).body.id;
  }

  async cluster(body: Record<string, unknown>): Promise<{ id: string; fqdn: string }> {
    return (await this.admin.post('/api/v1/clusters').send(body).expect(201)).body;
  }

  async vm(clusterFqdn: string, name: string): Promise<string> {
    const body = { projectId: this.projectId, type: 'ganeti-vm', name, clusterFqdn };
    return (await this.admin.post('/api/v1/resources').send(body).expect(201)).body.id;
  }

  async node(ssh: { host: string; port: number; user: string; credentialId: string; hostKeySha256?: string }, measurements?: string[]): Promise<string> {
    const body = {
      projectId: this.projectId, type: 'node', name: uniq('node'),
      sshHost: ssh.host, sshPort: ssh.port, sshUser: ssh.user, credentialId: ssh.credentialId,
      ...(ssh.hostKeySha256 ? { hostKeySha256: ssh.hostKeySha256 } : {}),
      ...(measurements ? { measurements } : {}),
    };
    return (await this.admin.post('/api/v1/resources').send(body).expect(201)).body.id;
  }
}
