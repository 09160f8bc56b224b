import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiKeyEntity, ClientEntity, Role, Scope } from '@tally/database';
import { apiKeyPrefix, generateApiKey, hashApiKey } from '@tally/security';
import { IsNull, Repository } from 'typeorm';
import { notFound, Principal } from './principal';

export interface CreateApiKey {
  name: string;
  role: Role;
  clientId?: string | null;
  scopes?: Scope[];
}

/** last_used_at is a hint for operators; writing it on every request would cost a write per call. */
const TOUCH_EVERY_MS = 60_000;

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>,
  ) {}

  async authenticate(token: string): Promise<Principal | null> {
    const key = await this.keys.findOne({ where: { keyHash: hashApiKey(token), revokedAt: IsNull() } });
    if (!key) return null;
    const now = Date.now();
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await this.keys.update(key.id, { lastUsedAt: new Date(now) });
    }
    return { keyId: key.id, keyName: key.name, role: key.role, clientId: key.clientId, scopes: key.scopes };
  }

  /** Returns the stored row and the key itself, which is never retrievable again. */
  async create(input: CreateApiKey): Promise<{ entity: ApiKeyEntity; key: string }> {
    const clientId = input.clientId ?? null;
    if (input.role === 'client') {
      if (!clientId) throw new BadRequestException('clientId is required for a key with role client');
      if (!(await this.clients.exist({ where: { id: clientId } }))) throw new BadRequestException(`clientId: client ${clientId} not found`);
    } else if (clientId) {
      throw new BadRequestException(`clientId must be empty for a key with role ${input.role}`);
    }
    const scopes = input.scopes ?? [];
    if (scopes.length && input.role !== 'client') {
      throw new BadRequestException(`scopes apply to client keys only; role ${input.role} already has its rights`);
    }
    const key = generateApiKey();
    const entity = await this.keys.save(
      this.keys.create({ name: input.name, role: input.role, clientId, scopes, prefix: apiKeyPrefix(key), keyHash: hashApiKey(key) }),
    );
    return { entity, key };
  }

  async list(page: { limit: number; offset: number; clientId?: string; includeRevoked?: boolean }) {
    const [items, total] = await this.keys.findAndCount({
      where: { ...(page.clientId ? { clientId: page.clientId } : {}), ...(page.includeRevoked ? {} : { revokedAt: IsNull() }) },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total };
  }

  async revoke(id: string, by: Principal): Promise<ApiKeyEntity> {
    const key = await this.keys.findOne({ where: { id } });
    if (!key) throw notFound('API key', id);
    if (key.id === by.keyId) throw new BadRequestException('id: a key cannot revoke itself; use another admin key');
    if (!key.revokedAt) {
      key.revokedAt = new Date();
      await this.keys.save(key);
      this.logger.log({ keyId: id, prefix: key.prefix }, 'API key revoked');
    }
    return key;
  }

  /** Start-up: make sure the configured admin key works, without ever storing it in clear. */
  async ensureAdminKey(key: string, name = 'bootstrap admin (TALLY_ADMIN_KEY)'): Promise<'created' | 'present'> {
    const keyHash = hashApiKey(key);
    const existing = await this.keys.findOne({ where: { keyHash } });
    if (existing && !existing.revokedAt && existing.role === 'admin') return 'present';
    if (existing) {
      // A revoked bootstrap key stays revoked: an operator revoked it on purpose.
      this.logger.warn({ keyId: existing.id }, 'TALLY_ADMIN_KEY matches a revoked or non-admin key; not re-enabling it');
      return 'present';
    }
    await this.keys.insert({ name, role: 'admin', clientId: null, scopes: [], prefix: apiKeyPrefix(key), keyHash });
    return 'created';
  }
}
