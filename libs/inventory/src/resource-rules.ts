import { ResourceEntity } from '@tally/database';
import { badRequest, HOST_KEY_SHA256, isHostname, isSshHost, labelsProblem, RESOURCE_TYPE } from './inventory-rules';

export interface ResourceFields {
  name?: string;
  clusterFqdn?: string | null;
  sshHost?: string | null;
  sshPort?: number | null;
  sshUser?: string | null;
  credentialId?: string | null;
  hostKeySha256?: string | null;
  labels?: Record<string, string>;
  active?: boolean;
}

const SSH_FIELDS = ['sshHost', 'sshPort', 'sshUser', 'credentialId', 'hostKeySha256'] as const;

export function checkResourceType(type: string): void {
  if (!RESOURCE_TYPE.test(type)) {
    throw badRequest('type', 'must be ganeti-vm, node, or a lower-case push-only kind matching ^[a-z][a-z0-9-]{1,40}$');
  }
}

/**
 * Applies `input` to `r`, then checks the result against what its type needs: ganeti-vm needs a
 * cluster, node needs SSH access, push-only kinds carry neither. Checking the merged row lets a
 * PATCH change one field without restating the others.
 */
export function applyResourceFields(r: ResourceEntity, input: ResourceFields): void {
  const given = <K extends keyof ResourceFields>(k: K) => input[k] !== undefined;
  if (given('name')) r.name = input.name!;
  if (given('labels')) {
    const problem = labelsProblem(input.labels);
    if (problem) throw badRequest('labels', problem);
    r.labels = input.labels!;
  }
  if (given('active')) r.active = input.active!;

  if (r.type !== 'ganeti-vm' && input.clusterFqdn) throw badRequest('clusterFqdn', `applies only to type ganeti-vm (type is ${r.type})`);
  if (r.type !== 'node') {
    const stray = SSH_FIELDS.find((f) => input[f] !== undefined && input[f] !== null);
    if (stray) throw badRequest(stray, `applies only to type node (type is ${r.type})`);
  }

  if (r.type === 'ganeti-vm') {
    if (given('clusterFqdn')) r.clusterFqdn = input.clusterFqdn ? input.clusterFqdn.toLowerCase().replace(/\.$/, '') : null;
    if (!r.clusterFqdn) throw badRequest('clusterFqdn', 'is required for type ganeti-vm');
    if (!isHostname(r.clusterFqdn)) throw badRequest('clusterFqdn', 'must be a valid host name');
  }

  if (r.type === 'node') {
    const before = { host: r.sshHost, port: r.sshPort };
    if (given('sshHost')) r.sshHost = input.sshHost ?? null;
    if (given('sshPort')) r.sshPort = input.sshPort ?? 22;
    if (given('sshUser')) r.sshUser = input.sshUser ?? null;
    if (given('credentialId')) r.credentialId = input.credentialId ?? null;
    r.sshPort ??= 22;
    if (!r.sshHost) throw badRequest('sshHost', 'is required for type node');
    if (!isSshHost(r.sshHost)) throw badRequest('sshHost', 'must be a host name or an IP address');
    if (!Number.isInteger(r.sshPort) || r.sshPort < 1 || r.sshPort > 65535) throw badRequest('sshPort', 'must be an integer from 1 to 65535');
    if (!r.sshUser) throw badRequest('sshUser', 'is required for type node');
    if (!r.credentialId) throw badRequest('credentialId', 'is required for type node (an ssh-private-key credential)');
    if (given('hostKeySha256')) {
      if (input.hostKeySha256 && !HOST_KEY_SHA256.test(input.hostKeySha256)) {
        throw badRequest('hostKeySha256', 'must be an OpenSSH fingerprint: SHA256: followed by 43 base64 characters');
      }
      r.hostKeySha256 = input.hostKeySha256 ?? null;
    } else if (r.id && (before.host !== r.sshHost || before.port !== r.sshPort)) {
      // A new address is a new machine as far as SSH knows: its key is learnt again on first contact.
      r.hostKeySha256 = null;
    }
  }
}
