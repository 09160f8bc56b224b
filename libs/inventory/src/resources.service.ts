import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { CredentialEntity, PG_UNIQUE_VIOLATION, pgCode, ProjectEntity, ResourceEntity } from '@tally/database';
import { diffFields, EventsService, updateEventName } from '@tally/events';
import { defaultMeasurementKeys } from '@tally/metering';
import { notFound, PageRequest, Principal, tenantOf } from '@tally/tenancy';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { badRequest } from './inventory-rules';
import { ResourceMeasurements } from './resource-measurements';
import { applyResourceFields, checkResourceType, ResourceFields } from './resource-rules';
import { resourceView } from './views';

export interface ResourceInput extends ResourceFields {
  projectId: string;
  name: string;
  type: string;
  /** Measurement keys to collect; omitted on create → the defaults of the type. */
  measurements?: string[];
}
/** Project and type stay fixed: moving would re-attribute billing history, a new type means new collectors. */
export type ResourceUpdate = ResourceFields & { measurements?: string[] };

export interface ResourceQuery extends PageRequest {
  projectId?: string;
  clientId?: string;
  type?: string;
  /** Cluster FQDN. */
  cluster?: string;
  active?: boolean;
}

/** A resource with what its own row does not hold: its client (via the project) and its measurement keys. */
export interface ResourceView {
  resource: ResourceEntity;
  clientId: string;
  measurements: string[];
}

@Injectable()
export class ResourcesService {
  constructor(
    @InjectRepository(ResourceEntity) private readonly resources: Repository<ResourceEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly measurements: ResourceMeasurements,
    private readonly events: EventsService,
  ) {}

  async list(principal: Principal, q: ResourceQuery): Promise<{ items: ResourceView[]; total: number }> {
    const qb = this.resources
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.project', 'p')
      .orderBy('r.name', 'ASC')
      .addOrderBy('r.id', 'ASC');
    const tenant = tenantOf(principal);
    if (tenant) qb.andWhere('p.client_id = :tenant', { tenant });
    if (q.clientId) qb.andWhere('p.client_id = :clientId', { clientId: q.clientId });
    if (q.projectId) qb.andWhere('r.project_id = :projectId', { projectId: q.projectId });
    if (q.type) qb.andWhere('r.type = :type', { type: q.type });
    if (q.cluster) qb.andWhere('r.cluster_fqdn = :cluster', { cluster: q.cluster.toLowerCase().replace(/\.$/, '') });
    if (q.active !== undefined) qb.andWhere('r.active = :active', { active: q.active });
    const [rows, total] = await qb.take(q.limit).skip(q.offset).getManyAndCount();
    const keys = await this.measurements.keysOf(this.db.manager, rows.map((r) => r.id));
    return { items: rows.map((r) => this.view(r, keys.get(r.id) ?? [])), total };
  }

  /** Out-of-tenant resources answer 404 exactly like missing ones. */
  async get(principal: Principal, id: string): Promise<ResourceView> {
    const resource = await this.find(principal, id);
    const keys = await this.measurements.keysOf(this.db.manager, [id]);
    return this.view(resource, keys.get(id) ?? []);
  }

  async create(input: ResourceInput): Promise<ResourceView> {
    checkResourceType(input.type);
    const project = await this.db.getRepository(ProjectEntity).findOne({ where: { id: input.projectId } });
    if (!project) throw badRequest('projectId', `project ${input.projectId} not found`);
    const resource = this.resources.create({ projectId: project.id, type: input.type, labels: {}, active: true });
    resource.project = project;
    applyResourceFields(resource, input);
    return this.write(resource, input.measurements ?? defaultMeasurementKeys(input.type));
  }

  async update(principal: Principal, id: string, input: ResourceUpdate): Promise<ResourceView> {
    const resource = await this.find(principal, id);
    const keys = await this.measurements.keysOf(this.db.manager, [id]);
    const before = resourceView(this.view(resource, keys.get(id) ?? []));
    applyResourceFields(resource, input);
    return this.write(resource, input.measurements, before);
  }

  /** Refused once it has samples: billing history is never deleted, the resource is deactivated instead. */
  async remove(principal: Principal, id: string): Promise<void> {
    const resource = await this.find(principal, id);
    await this.db.transaction(async (tx) => {
      const [{ used }] = await tx.query(`SELECT EXISTS (SELECT 1 FROM samples WHERE resource_id = $1) AS used`, [id]);
      if (used) throw new ConflictException(`resource ${id} has recorded samples; deactivate it (PATCH active=false) instead of deleting billing history`);
      const keys = await this.measurements.keysOf(tx, [id]);
      await tx.query(`DELETE FROM resources WHERE id = $1`, [id]);
      const data = { resource: resourceView(this.view(resource, keys.get(id) ?? [])) };
      await this.events.record(tx, { type: 'resource.deleted', subject: { type: 'resource', id }, clientId: resource.project!.clientId, data });
    });
  }

  private async find(principal: Principal, id: string): Promise<ResourceEntity> {
    const tenant = tenantOf(principal);
    const qb = this.resources.createQueryBuilder('r').innerJoinAndSelect('r.project', 'p').where('r.id = :id', { id });
    if (tenant) qb.andWhere('p.client_id = :tenant', { tenant });
    const resource = await qb.getOne();
    if (!resource) throw notFound('resource', id);
    return resource;
  }

  /** Saves the row and (when given) its measurement set in one transaction, with its event. */
  private async write(resource: ResourceEntity, measurementKeys: string[] | undefined, before?: ReturnType<typeof resourceView>): Promise<ResourceView> {
    const project = resource.project!;
    return this.db.transaction(async (tx) => {
      if (resource.credentialId) await this.checkSshCredential(tx, resource.credentialId);
      const ids = measurementKeys && (await this.measurements.resolve(tx, resource.type, measurementKeys));
      if (resource.type === 'ganeti-vm' && resource.active) await this.checkInstanceUntracked(tx, resource);
      let row: ResourceEntity;
      try {
        // The relation is not saved through; detach it so TypeORM writes only the resource row.
        row = await tx.getRepository(ResourceEntity).save({ ...resource, project: undefined });
      } catch (e) {
        if (pgCode(e) === PG_UNIQUE_VIOLATION) throw new ConflictException(`name: project ${project.id} already has a resource named "${resource.name}"`);
        throw e;
      }
      if (ids) await this.measurements.replace(tx, row.id, ids);
      const keys = await this.measurements.keysOf(tx, [row.id]);
      Object.assign(resource, row, { project });
      const saved = this.view(resource, keys.get(row.id) ?? []);
      await this.recordWrite(tx, saved, before);
      return saved;
    });
  }

  /** resource.created, or the update event when something other than updatedAt changed. */
  private async recordWrite(tx: EntityManager, saved: ResourceView, before?: ReturnType<typeof resourceView>): Promise<void> {
    const after = resourceView(saved);
    const subject = { type: 'resource', id: after.id };
    if (!before) {
      await this.events.record(tx, { type: 'resource.created', subject, clientId: saved.clientId, data: { resource: after } });
      return;
    }
    const { updatedAt: _, ...changes } = diffFields(before, after);
    if (!Object.keys(changes).length) return;
    await this.events.record(tx, { type: updateEventName('resource', changes), subject, clientId: saved.clientId, data: { resource: after }, changes });
  }

  private async checkSshCredential(tx: EntityManager, id: string): Promise<void> {
    const credential = await tx.getRepository(CredentialEntity).findOne({ where: { id }, select: { id: true, kind: true } });
    if (!credential) throw badRequest('credentialId', `credential ${id} not found`);
    if (credential.kind !== 'ssh-private-key') {
      throw badRequest('credentialId', `credential ${id} is a ${credential.kind}; a node needs an ssh-private-key credential`);
    }
  }

  /**
   * One Ganeti instance must not be billed twice: two active resources naming the same instance
   * on the same cluster would each get its samples. The advisory lock serialises concurrent creates.
   */
  private async checkInstanceUntracked(tx: EntityManager, r: ResourceEntity): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('tally_ganeti_instance:' || $1 || '/' || $2))`, [r.clusterFqdn, r.name]);
    const [other] = await tx.query(
      `SELECT id FROM resources WHERE type = 'ganeti-vm' AND active AND cluster_fqdn = $1 AND name = $2 AND id IS DISTINCT FROM $3::uuid`,
      [r.clusterFqdn, r.name, r.id ?? null],
    );
    if (other) throw new ConflictException(`name: instance ${r.name} on ${r.clusterFqdn} is already tracked by active resource ${other.id}`);
  }

  private view(resource: ResourceEntity, measurements: string[]): ResourceView {
    return { resource, clientId: resource.project!.clientId, measurements };
  }
}
