import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { ClientEntity, PG_UNIQUE_VIOLATION, pgCode, ProjectEntity } from '@tally/database';
import { diffFields, EventsService, updateEventName } from '@tally/events';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { paginate, PageRequest } from './paginate';
import { notFound, Principal, tenantOf } from './principal';
import { projectView } from './views';

export interface ProjectInput {
  clientId: string;
  name: string;
  description?: string | null;
  billingRef?: string | null;
  active?: boolean;
}

@Injectable()
export class ProjectsService {
  constructor(
    @InjectRepository(ProjectEntity) private readonly projects: Repository<ProjectEntity>,
    @InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
  ) {}

  list(principal: Principal, page: PageRequest & { clientId?: string; active?: boolean }) {
    const qb = this.projects.createQueryBuilder('p').orderBy('p.name', 'ASC').addOrderBy('p.id', 'ASC');
    const tenant = tenantOf(principal);
    if (tenant) qb.andWhere('p.client_id = :tenant', { tenant });
    if (page.clientId) qb.andWhere('p.client_id = :clientId', { clientId: page.clientId });
    if (page.active !== undefined) qb.andWhere('p.active = :active', { active: page.active });
    return paginate(qb, page);
  }

  async get(principal: Principal, id: string): Promise<ProjectEntity> {
    const tenant = tenantOf(principal);
    const project = await this.projects.findOne({ where: { id, ...(tenant ? { clientId: tenant } : {}) } });
    if (!project) throw notFound('project', id);
    return project;
  }

  async create(input: ProjectInput): Promise<ProjectEntity> {
    if (!(await this.clients.exist({ where: { id: input.clientId } }))) {
      throw new BadRequestException(`clientId: client ${input.clientId} not found`);
    }
    return this.db.transaction(async (tx) => {
      const project = await this.saveUnique(tx, this.projects.create({ ...input, description: input.description ?? null, billingRef: input.billingRef ?? null, active: input.active ?? true }));
      await this.events.record(tx, { type: 'project.created', subject: { type: 'project', id: project.id }, clientId: project.clientId, data: { project: projectView(project) } });
      return project;
    });
  }

  async update(principal: Principal, id: string, input: Partial<Omit<ProjectInput, 'clientId'>>): Promise<ProjectEntity> {
    const project = await this.get(principal, id);
    const before = projectView(project);
    Object.assign(project, input);
    return this.db.transaction(async (tx) => {
      const saved = await this.saveUnique(tx, project);
      const { updatedAt: _, ...changes } = diffFields(before, projectView(saved));
      if (Object.keys(changes).length) {
        await this.events.record(tx, {
          type: updateEventName('project', changes), subject: { type: 'project', id }, clientId: saved.clientId, data: { project: projectView(saved) }, changes,
        });
      }
      return saved;
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const project = await this.get(principal, id);
    await this.db.transaction(async (tx) => {
      const [{ used }] = await tx.query(
        `SELECT EXISTS (SELECT 1 FROM samples s JOIN resources r ON r.id = s.resource_id WHERE r.project_id = $1) AS used`,
        [id],
      );
      if (used) throw new ConflictException(`project ${id} has recorded samples; deactivate it (PATCH active=false) instead of deleting billing history`);
      await tx.query(`DELETE FROM resources WHERE project_id = $1`, [id]);
      await tx.query(`DELETE FROM projects WHERE id = $1`, [id]);
      await this.events.record(tx, { type: 'project.deleted', subject: { type: 'project', id }, clientId: project.clientId, data: { project: projectView(project) } });
    });
  }

  private async saveUnique(tx: EntityManager, project: ProjectEntity): Promise<ProjectEntity> {
    try {
      return await tx.getRepository(ProjectEntity).save(project);
    } catch (e) {
      if (pgCode(e) === PG_UNIQUE_VIOLATION) throw new ConflictException(`name: this client already has a project named "${project.name}"`);
      throw e;
    }
  }
}
