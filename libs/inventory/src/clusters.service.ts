import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { ClusterEntity, CredentialEntity, PG_UNIQUE_VIOLATION, pgCode, TlsMode } from '@tally/database';
import { diffFields, EventsService, updateEventName } from '@tally/events';
import { notFound, paginate, PageRequest } from '@tally/tenancy';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { badRequest, checkCaCertificate, isHostname, normaliseTlsFingerprint } from './inventory-rules';
import { clusterView } from './views';

export interface ClusterInput {
  fqdn: string;
  /** Defaults to https://<fqdn>:5080, Ganeti's RAPI port. */
  rapiUrl?: string | null;
  /** A `password` credential for RAPI; read-only RAPI queries often need none. */
  credentialId?: string | null;
  tlsMode?: TlsMode;
  caCertificate?: string | null;
  tlsFingerprintSha256?: string | null;
  active?: boolean;
}
/** The FQDN is the cluster's identity (resources point at it), so it is not editable. */
export type ClusterUpdate = Partial<Omit<ClusterInput, 'fqdn'>>;

export const defaultRapiUrl = (fqdn: string) => `https://${fqdn}:5080`;

@Injectable()
export class ClustersService {
  constructor(
    @InjectRepository(ClusterEntity) private readonly clusters: Repository<ClusterEntity>,
    @InjectRepository(CredentialEntity) private readonly credentials: Repository<CredentialEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
  ) {}

  list(page: PageRequest & { active?: boolean; fqdn?: string }) {
    const qb = this.clusters.createQueryBuilder('c').orderBy('c.fqdn', 'ASC').addOrderBy('c.id', 'ASC');
    if (page.active !== undefined) qb.andWhere('c.active = :active', { active: page.active });
    if (page.fqdn) qb.andWhere('c.fqdn = :fqdn', { fqdn: page.fqdn.toLowerCase() });
    return paginate(qb, page);
  }

  async get(id: string): Promise<ClusterEntity> {
    const cluster = await this.clusters.findOne({ where: { id } });
    if (!cluster) throw notFound('cluster', id);
    return cluster;
  }

  /** For the worker's pre-cache: how to reach the cluster a resource names, or null to use defaults. */
  findByFqdn(fqdn: string): Promise<ClusterEntity | null> {
    return this.clusters.findOne({ where: { fqdn: fqdn.toLowerCase() } });
  }

  async create(input: ClusterInput): Promise<ClusterEntity> {
    const fqdn = input.fqdn.toLowerCase().replace(/\.$/, '');
    if (!isHostname(fqdn)) throw badRequest('fqdn', 'must be a valid host name');
    const cluster = this.clusters.create({ fqdn, tlsMode: 'system', caCertificate: null, tlsFingerprintSha256: null, active: input.active ?? true });
    await this.apply(cluster, { ...input, rapiUrl: input.rapiUrl ?? null, credentialId: input.credentialId ?? null });
    return this.db.transaction(async (tx) => {
      const saved = await this.saveUnique(tx, cluster);
      await this.events.record(tx, { type: 'cluster.created', subject: { type: 'cluster', id: saved.id }, data: { cluster: clusterView(saved) } });
      return saved;
    });
  }

  async update(id: string, input: ClusterUpdate): Promise<ClusterEntity> {
    const cluster = await this.get(id);
    const before = clusterView(cluster);
    await this.apply(cluster, input);
    if (input.active !== undefined) cluster.active = input.active;
    return this.db.transaction(async (tx) => {
      const saved = await this.saveUnique(tx, cluster);
      const { updatedAt: _, ...changes } = diffFields(before, clusterView(saved));
      if (Object.keys(changes).length) {
        await this.events.record(tx, { type: updateEventName('cluster', changes), subject: { type: 'cluster', id }, data: { cluster: clusterView(saved) }, changes });
      }
      return saved;
    });
  }

  /** Refused while active ganeti-vm resources still point at the cluster: their collection would break. */
  async remove(id: string): Promise<void> {
    const cluster = await this.get(id);
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM resources WHERE type = 'ganeti-vm' AND active AND cluster_fqdn = $1`,
      [cluster.fqdn],
    );
    if (n) throw new ConflictException(`cluster ${cluster.fqdn} is used by ${n} active ganeti-vm resource(s); deactivate them first`);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(ClusterEntity).delete(id);
      await this.events.record(tx, { type: 'cluster.deleted', subject: { type: 'cluster', id }, data: { cluster: clusterView(cluster) } });
    });
  }

  /** Applies the given fields, then checks the TLS policy as a whole (a PATCH may change one part). */
  private async apply(cluster: ClusterEntity, input: ClusterUpdate): Promise<void> {
    if (input.rapiUrl !== undefined) cluster.rapiUrl = input.rapiUrl === null ? defaultRapiUrl(cluster.fqdn) : checkRapiUrl(input.rapiUrl);
    if (input.credentialId !== undefined) {
      if (input.credentialId !== null) await this.checkCredential(input.credentialId);
      cluster.credentialId = input.credentialId;
    }
    const mode = input.tlsMode ?? cluster.tlsMode;
    if (input.caCertificate && mode !== 'ca') throw badRequest('caCertificate', `applies only with tlsMode ca (tlsMode is ${mode})`);
    if (input.tlsFingerprintSha256 && mode !== 'fingerprint') {
      throw badRequest('tlsFingerprintSha256', `applies only with tlsMode fingerprint (tlsMode is ${mode})`);
    }
    cluster.tlsMode = mode;
    // Only what the mode enforces is kept, so the row says exactly how the worker checks TLS.
    const ca = input.caCertificate !== undefined ? input.caCertificate : cluster.caCertificate;
    const fingerprint = input.tlsFingerprintSha256 !== undefined ? input.tlsFingerprintSha256 : cluster.tlsFingerprintSha256;
    if (mode === 'ca' && !ca) throw badRequest('caCertificate', 'is required with tlsMode ca');
    if (mode === 'fingerprint' && !fingerprint) throw badRequest('tlsFingerprintSha256', 'is required with tlsMode fingerprint');
    if (mode === 'ca') checkCaCertificate(ca!);
    cluster.caCertificate = mode === 'ca' ? ca : null;
    cluster.tlsFingerprintSha256 = mode === 'fingerprint' ? normaliseTlsFingerprint(fingerprint!) : null;
  }

  private async checkCredential(id: string): Promise<void> {
    const credential = await this.credentials.findOne({ where: { id }, select: { id: true, kind: true } });
    if (!credential) throw badRequest('credentialId', `credential ${id} not found`);
    if (credential.kind !== 'password') throw badRequest('credentialId', `credential ${id} is an ${credential.kind}; RAPI needs a password credential`);
  }

  private async saveUnique(tx: EntityManager, cluster: ClusterEntity): Promise<ClusterEntity> {
    try {
      return await tx.getRepository(ClusterEntity).save(cluster);
    } catch (e) {
      if (pgCode(e) === PG_UNIQUE_VIOLATION) throw new ConflictException(`fqdn: a cluster ${cluster.fqdn} already exists`);
      throw e;
    }
  }
}

function checkRapiUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest('rapiUrl', 'must be an absolute https:// URL');
  }
  // RAPI carries the cluster password; plain HTTP would expose it.
  if (url.protocol !== 'https:') throw badRequest('rapiUrl', 'must use https://');
  return value.replace(/\/+$/, '');
}
