import { ConflictException, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { CredentialEntity, CredentialKind, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, pgCode } from '@tally/database';
import { diffFields, EventsService } from '@tally/events';
import { SealedSecret, SecretBox } from '@tally/security';
import { notFound, paginate, PageRequest } from '@tally/tenancy';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { badRequest, checkSshPrivateKey, MAX_SECRET_LENGTH } from './inventory-rules';
import { credentialView } from './views';

export interface CredentialInput {
  name: string;
  kind: CredentialKind;
  username?: string | null;
  /** Write-only: sealed before it reaches the database, never returned by this service except via reveal(). */
  secret: string;
}
export type CredentialUpdate = Partial<Pick<CredentialInput, 'name' | 'username' | 'secret'>>;

/** What resealAll() did: names and versions only, never a secret. */
export interface ResealReport {
  activeVersion: number;
  resealed: { id: string; name: string; fromVersion: number }[];
  /** Already sealed with the active version. */
  current: number;
  unreadable: { id: string; name: string; keyVersion: number; reason: string }[];
}

/** What the worker needs to authenticate; never sent over HTTP, never logged. */
export interface RevealedCredential {
  kind: CredentialKind;
  username: string | null;
  secret: string;
}

/**
 * Without TALLY_SECRET_KEYS (allowed outside production) Tally cannot store a secret. That is
 * the server's configuration, not the caller's input, so it answers 503 and names the variable.
 */
export const NO_SECRET_KEY_MESSAGE =
  'credential encryption is not configured on this server: set TALLY_SECRET_KEYS (see docs/configuration.md), then retry';

@Injectable()
export class CredentialsService {
  private readonly logger = new Logger('Credentials');
  private readonly box: SecretBox;

  constructor(
    @InjectRepository(CredentialEntity) private readonly credentials: Repository<CredentialEntity>,
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() config: AppConfig,
    private readonly events: EventsService,
  ) {
    this.box = new SecretBox(config.secrets.keys, config.secrets.activeVersion);
  }

  list(page: PageRequest & { kind?: CredentialKind }) {
    const qb = this.credentials.createQueryBuilder('c').orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC');
    if (page.kind) qb.andWhere('c.kind = :kind', { kind: page.kind });
    return paginate(qb, page);
  }

  async get(id: string): Promise<CredentialEntity> {
    const credential = await this.credentials.findOne({ where: { id } });
    if (!credential) throw notFound('credential', id);
    return credential;
  }

  async create(input: CredentialInput): Promise<CredentialEntity> {
    this.checkSecret(input.kind, input.secret);
    // The id is the AAD, so it must exist before the secret is sealed.
    const id = randomUUID();
    const credential = this.credentials.create({ id, name: input.name, kind: input.kind, username: input.username ?? null });
    Object.assign(credential, this.sealed(input.secret, id));
    const saved = await this.db.transaction(async (tx) => {
      const row = await this.saveUnique(tx, credential);
      await this.events.record(tx, { type: 'credential.created', subject: { type: 'credential', id }, data: { credential: credentialView(row) } });
      return row;
    });
    this.logger.log({ credentialId: id, kind: input.kind, keyVersion: saved.keyVersion }, 'credential created');
    return saved;
  }

  /** A new secret is sealed with the active key version, which also moves the row off an old key. */
  async update(id: string, input: CredentialUpdate): Promise<CredentialEntity> {
    const credential = await this.get(id);
    const before = credentialView(credential);
    if (input.secret !== undefined) {
      this.checkSecret(credential.kind, input.secret);
      Object.assign(credential, this.sealed(input.secret, id));
    }
    if (input.name !== undefined) credential.name = input.name;
    if (input.username !== undefined) credential.username = input.username;
    const saved = await this.db.transaction(async (tx) => {
      const row = await this.saveUnique(tx, credential);
      const { updatedAt: _, ...changes } = diffFields(before, credentialView(row));
      // The view holds no secret, so its replacement is stated here: that it changed, never what to.
      if (input.secret !== undefined) changes.secret = { changed: true };
      if (Object.keys(changes).length) {
        await this.events.record(tx, { type: 'credential.updated', subject: { type: 'credential', id }, data: { credential: credentialView(row) }, changes });
      }
      return row;
    });
    if (input.secret !== undefined) this.logger.log({ credentialId: id, keyVersion: saved.keyVersion }, 'credential secret replaced');
    return saved;
  }

  async remove(id: string): Promise<void> {
    const credential = await this.get(id);
    const [{ clusters, resources }] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM clusters WHERE credential_id = $1) AS clusters,
              (SELECT count(*)::int FROM resources WHERE credential_id = $1) AS resources`,
      [id],
    );
    if (clusters || resources) {
      throw new ConflictException(
        `credential ${id} is used by ${clusters} cluster(s) and ${resources} resource(s); point them at another credential first`,
      );
    }
    try {
      await this.db.transaction(async (tx) => {
        await tx.getRepository(CredentialEntity).delete(id);
        await this.events.record(tx, { type: 'credential.deleted', subject: { type: 'credential', id }, data: { credential: credentialView(credential) } });
      });
    } catch (e) {
      // Someone attached it between the check and the delete.
      if (pgCode(e) === PG_FOREIGN_KEY_VIOLATION) throw new ConflictException(`credential ${id} is in use; point its users at another credential first`);
      throw e;
    }
  }

  /** For the worker only: decrypts the secret. Throws when its key version is no longer configured. */
  async reveal(id: string): Promise<RevealedCredential> {
    const c = await this.get(id);
    const sealed: SealedSecret = { ciphertext: c.secretCiphertext, iv: c.secretIv, tag: c.secretTag, keyVersion: c.keyVersion };
    try {
      return { kind: c.kind, username: c.username, secret: this.box.open(sealed, c.id) };
    } catch (e) {
      throw new Error(`credential ${id} cannot be decrypted: ${(e as Error).message}`);
    }
  }

  /**
   * Moves every secret not sealed with the active key version onto it, so an old key can be
   * removed from TALLY_SECRET_KEYS after a rotation. A row is rewritten only if its sealed
   * secret is still the one read (nobody replaced it meanwhile). A secret whose key version
   * is no longer configured cannot be moved and is listed, with why.
   */
  async resealAll(): Promise<ResealReport> {
    if (!this.box.canSeal) throw new Error(NO_SECRET_KEY_MESSAGE);
    const report: ResealReport = { activeVersion: this.box.activeVersion, resealed: [], current: 0, unreadable: [] };
    for (const c of await this.credentials.find({ order: { name: 'ASC' } })) {
      if (c.keyVersion === this.box.activeVersion) {
        report.current++;
        continue;
      }
      let secret: string;
      try {
        secret = this.box.open({ ciphertext: c.secretCiphertext, iv: c.secretIv, tag: c.secretTag, keyVersion: c.keyVersion }, c.id);
      } catch (e) {
        report.unreadable.push({ id: c.id, name: c.name, keyVersion: c.keyVersion, reason: (e as Error).message });
        continue;
      }
      const s = this.sealed(secret, c.id);
      const [, moved]: [unknown, number] = await this.db.query(
        `UPDATE credentials SET secret_ciphertext = $2, secret_iv = $3, secret_tag = $4, key_version = $5, updated_at = now()
          WHERE id = $1 AND key_version = $6 AND secret_iv = $7`,
        [c.id, s.secretCiphertext, s.secretIv, s.secretTag, s.keyVersion, c.keyVersion, c.secretIv],
      );
      if (moved) report.resealed.push({ id: c.id, name: c.name, fromVersion: c.keyVersion });
      else report.current++; // its secret was replaced meanwhile, and sealed anew by that write
    }
    return report;
  }

  private checkSecret(kind: CredentialKind, secret: string): void {
    if (!secret) throw badRequest('secret', 'must not be empty');
    if (secret.length > MAX_SECRET_LENGTH) throw badRequest('secret', `must be at most ${MAX_SECRET_LENGTH} characters`);
    if (kind === 'ssh-private-key') checkSshPrivateKey(secret);
  }

  private sealed(secret: string, id: string): Pick<CredentialEntity, 'secretCiphertext' | 'secretIv' | 'secretTag' | 'keyVersion'> {
    if (!this.box.canSeal) throw new ServiceUnavailableException(NO_SECRET_KEY_MESSAGE);
    const s = this.box.seal(secret, id);
    return { secretCiphertext: s.ciphertext, secretIv: s.iv, secretTag: s.tag, keyVersion: s.keyVersion };
  }

  private async saveUnique(tx: EntityManager, credential: CredentialEntity): Promise<CredentialEntity> {
    try {
      return await tx.getRepository(CredentialEntity).save(credential);
    } catch (e) {
      if (pgCode(e) === PG_UNIQUE_VIOLATION) throw new ConflictException(`name: a credential named "${credential.name}" already exists`);
      throw e;
    }
  }
}
