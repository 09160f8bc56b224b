import type { ClusterEntity, CredentialEntity, ResourceEntity } from '@tally/database';

/**
 * Inventory objects as the API returns them and as their events carry them: one shape for
 * both (docs/events.md). A credential's secret never appears, only that one is stored.
 */
export function resourceView(v: { resource: ResourceEntity; clientId: string; measurements: string[] }) {
  const r = v.resource;
  return {
    id: r.id, projectId: r.projectId, clientId: v.clientId, name: r.name, type: r.type, clusterFqdn: r.clusterFqdn ?? null,
    sshHost: r.sshHost ?? null, sshPort: r.sshPort ?? null, sshUser: r.sshUser ?? null, credentialId: r.credentialId ?? null,
    hostKeySha256: r.hostKeySha256 ?? null, labels: r.labels, measurements: v.measurements, active: r.active,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

export function clusterView(c: ClusterEntity) {
  return {
    id: c.id, fqdn: c.fqdn, rapiUrl: c.rapiUrl, credentialId: c.credentialId, tlsMode: c.tlsMode, caCertificate: c.caCertificate,
    tlsFingerprintSha256: c.tlsFingerprintSha256, active: c.active, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

export function credentialView(c: CredentialEntity) {
  return {
    id: c.id, name: c.name, kind: c.kind, username: c.username, hasSecret: true as const, keyVersion: c.keyVersion,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}
