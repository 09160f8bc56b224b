import { BadRequestException, ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { ApiKeyEntity, ClientEntity, Role, Scope } from '@tally/database';
import { apiKeyPrefix, generateApiKey, hashApiKey, isApiKeyShaped } from '@tally/security';
import { EventsService } from '@tally/events';
import { isIP } from 'node:net';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { notFound, Principal } from './principal';
import { apiKeyView } from './views';

export interface CreateApiKey {
  name: string;
  role: Role;
  clientId?: string | null;
  scopes?: Scope[];
  expiresAt?: Date | null;
}

/** Why a presented key was refused. */
export type AuthFailure =
  | { reason: 'malformed' | 'unknown' }
  | { reason: 'expired'; at: Date }
  /** The secret was replaced by a rotation and its overlap is over. */
  | { reason: 'replaced'; at: Date };

export type AuthOutcome = { principal: Principal } | { failure: AuthFailure };

/** last_used_at/from are a hint for operators; writing them on every request would cost a write per call. */
const TOUCH_EVERY_MS = 60_000;
/** Keys this process wrote last_used_at for lately, so concurrent requests of one key write once. */
const TOUCHED_MAX = 10_000;

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeys');
  private readonly touched = new Map<string, number>();
  /** Hashes of keys not in the tally_ format that are nonetheless valid: a hand-made TALLY_ADMIN_KEY. */
  private readonly unshaped = new Set<string>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
  ) {}

  /** `from` is the caller's address, recorded as lastUsedFrom. Malformed keys cost no lookup. */
  async authenticate(token: string, from?: string): Promise<AuthOutcome> {
    const keyHash = hashApiKey(token);
    if (!isApiKeyShaped(token) && !this.unshaped.has(keyHash)) return { failure: { reason: 'malformed' } };
    const key = await this.keys.findOne({ where: [{ keyHash }, { previousKeyHash: keyHash }] });
    if (!key || key.revokedAt) return { failure: { reason: 'unknown' } };
    const now = Date.now();
    if (key.keyHash !== keyHash && !(key.previousKeyExpiresAt && key.previousKeyExpiresAt.getTime() > now)) {
      return { failure: { reason: 'replaced', at: key.previousKeyExpiresAt ?? new Date(now) } };
    }
    if (key.expiresAt && key.expiresAt.getTime() <= now) return { failure: { reason: 'expired', at: key.expiresAt } };
    await this.touch(key, from, now);
    return { principal: { keyId: key.id, keyName: key.name, role: key.role, clientId: key.clientId, scopes: key.scopes } };
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
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw new BadRequestException('expiresAt must be in the future');
    const key = generateApiKey();
    const entity = await this.db.transaction(async (tx) => {
      const saved = await tx.getRepository(ApiKeyEntity).save(
        this.keys.create({ name: input.name, role: input.role, clientId, scopes, expiresAt, prefix: apiKeyPrefix(key), keyHash: hashApiKey(key) }),
      );
      await this.recordEvent(tx, 'api_key.created', saved);
      return saved;
    });
    return { entity, key };
  }

  /**
   * A new secret for the same key (same id, role and rights). The replaced secret keeps working
   * for `overlapSeconds`, so its users can switch without an outage; a second rotation ends the
   * first one's overlap at once.
   */
  async rotate(id: string, overlapSeconds: number): Promise<{ entity: ApiKeyEntity; key: string }> {
    const existing = await this.keys.findOne({ where: { id } });
    if (!existing) throw notFound('API key', id);
    if (existing.revokedAt) throw new ConflictException(`API key ${id} is revoked; create a new key instead`);
    if (existing.expiresAt && existing.expiresAt.getTime() <= Date.now()) {
      throw new ConflictException(`API key ${id} expired at ${existing.expiresAt.toISOString()}; create a new key instead`);
    }
    const key = generateApiKey();
    const entity = await this.db.transaction(async (tx) => {
      // One statement, so that a concurrent revocation or rotation cannot be overwritten.
      const { affected } = await tx
        .createQueryBuilder()
        .update(ApiKeyEntity)
        .set({ previousKeyHash: () => 'key_hash', previousKeyExpiresAt: new Date(Date.now() + overlapSeconds * 1000), keyHash: hashApiKey(key), prefix: apiKeyPrefix(key) })
        .where('id = :id AND revoked_at IS NULL', { id })
        .execute();
      if (!affected) throw new ConflictException(`API key ${id} was revoked meanwhile; create a new key instead`);
      const rotated = await tx.getRepository(ApiKeyEntity).findOneOrFail({ where: { id } });
      await this.recordEvent(tx, 'api_key.rotated', rotated, { previousValidUntil: rotated.previousKeyExpiresAt?.toISOString() ?? null });
      return rotated;
    });
    this.logger.log({ keyId: id, prefix: entity.prefix, previousUntil: entity.previousKeyExpiresAt }, 'API key rotated');
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
      await this.db.transaction(async (tx) => {
        await tx.getRepository(ApiKeyEntity).save(key);
        await this.recordEvent(tx, 'api_key.revoked', key);
      });
      this.logger.log({ keyId: id, prefix: key.prefix }, 'API key revoked');
    }
    return key;
  }

  /** The key as the API lists it: its prefix, never the key nor its hash. */
  private recordEvent(tx: EntityManager, type: string, key: ApiKeyEntity, extra: Record<string, unknown> = {}) {
    return this.events.record(tx, { type, subject: { type: 'api_key', id: key.id }, clientId: key.clientId, data: { apiKey: apiKeyView(key), ...extra } });
  }

  /** Start-up: make sure the configured admin key works, without ever storing it in clear. */
  async ensureAdminKey(key: string, name = 'bootstrap admin (TALLY_ADMIN_KEY)'): Promise<'created' | 'present'> {
    const keyHash = hashApiKey(key);
    if (!isApiKeyShaped(key)) {
      this.unshaped.add(keyHash);
      this.logger.warn('TALLY_ADMIN_KEY is not in the tally_ key format; it works, but consider one from npm run --silent key:generate');
    }
    const existing = await this.keys.findOne({ where: { keyHash } });
    if (existing && !existing.revokedAt && existing.role === 'admin') return 'present';
    if (existing) {
      // A revoked bootstrap key stays revoked: an operator revoked it on purpose.
      this.logger.warn({ keyId: existing.id }, 'TALLY_ADMIN_KEY matches a revoked or non-admin key; not re-enabling it');
      return 'present';
    }
    await this.db.transaction(async (tx) => {
      const saved = await tx.getRepository(ApiKeyEntity).save(this.keys.create({ name, role: 'admin', clientId: null, scopes: [], prefix: apiKeyPrefix(key), keyHash }));
      await this.recordEvent(tx, 'api_key.created', saved); // no actor: the installation made it at start-up
    });
    return 'created';
  }

  /**
   * At most one write a minute per key: this process skips keys it wrote lately, and the
   * condition skips keys another replica wrote lately.
   */
  private async touch(key: ApiKeyEntity, from: string | undefined, now: number): Promise<void> {
    const last = Math.max(key.lastUsedAt?.getTime() ?? 0, this.touched.get(key.id) ?? 0);
    if (now - last < TOUCH_EVERY_MS) return;
    if (this.touched.size >= TOUCHED_MAX) this.touched.clear();
    this.touched.set(key.id, now);
    try {
      await this.keys
        .createQueryBuilder()
        .update(ApiKeyEntity)
        .set({ lastUsedAt: () => 'now()', lastUsedFrom: from && isIP(from) ? from : null })
        .where(`id = :id AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => :secs))`, { id: key.id, secs: TOUCH_EVERY_MS / 1000 })
        .execute();
    } catch (e) {
      // A missed hint must not fail the request it describes.
      this.logger.warn({ keyId: key.id, err: e }, 'could not record when the API key was last used');
    }
  }
}
