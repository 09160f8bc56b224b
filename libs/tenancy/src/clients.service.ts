import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { ClientEntity, PG_UNIQUE_VIOLATION, pgCode } from '@tally/database';
import { diffFields, EventsService, updateEventName } from '@tally/events';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { paginate, PageRequest } from './paginate';
import { notFound, Principal, tenantOf } from './principal';
import { clientView } from './views';

export interface ClientInput {
  name: string;
  billingRef?: string | null;
  active?: boolean;
}

@Injectable()
export class ClientsService {
  constructor(
    @InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
  ) {}

  list(principal: Principal, page: PageRequest & { active?: boolean; name?: string }) {
    const qb = this.clients.createQueryBuilder('c').orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC');
    const tenant = tenantOf(principal);
    if (tenant) qb.andWhere('c.id = :tenant', { tenant });
    if (page.active !== undefined) qb.andWhere('c.active = :active', { active: page.active });
    if (page.name) qb.andWhere('c.name ILIKE :name', { name: `%${page.name.replace(/[%_\\]/g, '\\$&')}%` });
    return paginate(qb, page);
  }

  async get(principal: Principal, id: string): Promise<ClientEntity> {
    const tenant = tenantOf(principal);
    const client = tenant && tenant !== id ? null : await this.clients.findOne({ where: { id } });
    if (!client) throw notFound('client', id);
    return client;
  }

  async create(input: ClientInput): Promise<ClientEntity> {
    return this.db.transaction(async (tx) => {
      const client = await this.saveUnique(tx, this.clients.create({ name: input.name, billingRef: input.billingRef ?? null, active: input.active ?? true }));
      await this.events.record(tx, { type: 'client.created', subject: { type: 'client', id: client.id }, clientId: client.id, data: { client: clientView(client) } });
      return client;
    });
  }

  async update(principal: Principal, id: string, input: Partial<ClientInput>): Promise<ClientEntity> {
    const client = await this.get(principal, id);
    const before = clientView(client);
    Object.assign(client, input);
    return this.db.transaction(async (tx) => {
      const saved = await this.saveUnique(tx, client);
      const { updatedAt: _, ...changes } = diffFields(before, clientView(saved));
      if (Object.keys(changes).length) {
        await this.events.record(tx, {
          type: updateEventName('client', changes), subject: { type: 'client', id }, clientId: id, data: { client: clientView(saved) }, changes,
        });
      }
      return saved;
    });
  }

  /** Deletes a client and its empty tree; refused once any of its resources has samples. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.get(principal, id);
    await this.db.transaction(async (tx) => {
      const [{ used }] = await tx.query(
        `SELECT EXISTS (SELECT 1 FROM samples s JOIN resources r ON r.id = s.resource_id
                          JOIN projects p ON p.id = r.project_id WHERE p.client_id = $1) AS used`,
        [id],
      );
      if (used) throw new ConflictException(`client ${id} has recorded samples; deactivate it (PATCH active=false) instead of deleting billing history`);
      const [row] = await tx.getRepository(ClientEntity).find({ where: { id } });
      await tx.query(`DELETE FROM resources WHERE project_id IN (SELECT id FROM projects WHERE client_id = $1)`, [id]);
      await tx.query(`DELETE FROM projects WHERE client_id = $1`, [id]);
      await tx.query(`DELETE FROM clients WHERE id = $1`, [id]);
      await this.events.record(tx, { type: 'client.deleted', subject: { type: 'client', id }, clientId: id, data: { client: clientView(row) } });
    });
  }

  /**
   * Clients' names by id, for texts sent outside (e-mail subjects); unknown ids are left out.
   * `manager`: read on the caller's connection (an after-hook inside the relay's transaction).
   */
  async namesOf(ids: readonly string[], manager: EntityManager = this.db.manager): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM clients WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async saveUnique(tx: EntityManager, client: ClientEntity): Promise<ClientEntity> {
    try {
      return await tx.getRepository(ClientEntity).save(client);
    } catch (e) {
      if (pgCode(e) === PG_UNIQUE_VIOLATION) throw new ConflictException(`name: a client named "${client.name}" already exists`);
      throw e;
    }
  }
}
