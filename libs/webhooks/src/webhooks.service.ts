import { BadRequestException, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { PG_FOREIGN_KEY_VIOLATION, pgCode } from '@tally/database';
import { diffFields, EventsService, unknownPatterns, updateEventName } from '@tally/events';
import { SecretBox } from '@tally/security';
import { notFound, PageRequest, Principal, tenantOf } from '@tally/tenancy';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { checkTarget } from './target-address';
import {
  AttemptRow, attemptView, AttemptView, DeliveryRow, DeliveryStatus, deliveryView, DeliveryView, SubscriptionRow, webhookView, WebhookView,
} from './webhook-views';
import { newWebhookSecret } from './webhook-signature';
import {
  DELIVERY_ATTEMPTS, DELIVERY_COLUMNS, GET_SUBSCRIPTION, INSERT_SUBSCRIPTION, REDELIVER, ROTATE_SECRET, SUBSCRIPTION_COLUMNS, UPDATE_SUBSCRIPTION,
} from './webhooks.sql';

export interface WebhookInput {
  url: string;
  events: string[];
  clientId?: string | null;
  description?: string | null;
}
export type WebhookUpdate = Partial<Pick<WebhookInput, 'url' | 'events' | 'description'>> & { active?: boolean };

/** Attempts one delivery shows: the schedule makes 8, each redelivery one more. */
const MAX_ATTEMPTS_SHOWN = 500;

export const NO_WEBHOOK_KEY_MESSAGE =
  'webhook secrets cannot be stored on this server: set TALLY_SECRET_KEYS (see docs/configuration.md), then retry';

/**
 * Webhook subscriptions, for the API. A client key manages its own client's only (others
 * answer as if missing); an admin any, or installation-wide ones (no clientId) that receive
 * every event. The secret is sealed at rest and shown once, at creation or rotation.
 */
@Injectable()
export class WebhooksService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly events: EventsService,
  ) {
    this.box = new SecretBox(config.secrets.keys, config.secrets.activeVersion);
  }

  async list(who: Principal, page: PageRequest & { clientId?: string; active?: boolean }): Promise<{ items: WebhookView[]; total: number }> {
    const params: unknown[] = [tenantOf(who) ?? null, page.clientId ?? null, page.active ?? null];
    const where = `($1::uuid IS NULL OR client_id = $1) AND ($2::uuid IS NULL OR client_id = $2) AND ($3::boolean IS NULL OR active = $3)`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM webhook_subscriptions WHERE ${where}`, params);
    const rows: SubscriptionRow[] = await this.db.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE ${where} ORDER BY created_at, id LIMIT $4 OFFSET $5`, [...params, page.limit, page.offset]);
    return { items: rows.map(webhookView), total };
  }

  async get(who: Principal, id: string): Promise<WebhookView> {
    return webhookView(await this.row(this.db.manager, who, id));
  }

  async create(who: Principal, input: WebhookInput): Promise<{ webhook: WebhookView; secret: string }> {
    const tenant = tenantOf(who);
    // A client key's webhook is its own client's; naming another answers as a missing client would.
    if (tenant && input.clientId && input.clientId !== tenant) throw clientMissing(input.clientId);
    const clientId = tenant ?? input.clientId ?? null;
    const events = this.checkEvents(input.events);
    const url = (await checkTarget(input.url, this.config.webhooks.allowPrivateTargets)).toString();
    const id = randomUUID();
    const secret = newWebhookSecret();
    const s = this.seal(secret, id);
    return this.db.transaction(async (tx) => {
      let row: SubscriptionRow;
      try {
        [row] = await tx.query(INSERT_SUBSCRIPTION, [id, clientId, url, events, input.description ?? null, s.ciphertext, s.iv, s.tag, s.keyVersion]);
      } catch (e) {
        if (pgCode(e) === PG_FOREIGN_KEY_VIOLATION) throw clientMissing(clientId!);
        throw e;
      }
      const webhook = webhookView(row);
      await this.events.record(tx, { type: 'webhook.created', subject: { type: 'webhook', id }, clientId, data: { webhook } });
      return { webhook, secret };
    });
  }

  async update(who: Principal, id: string, input: WebhookUpdate): Promise<WebhookView> {
    const events = input.events === undefined ? undefined : this.checkEvents(input.events);
    const url = input.url === undefined ? undefined : (await checkTarget(input.url, this.config.webhooks.allowPrivateTargets)).toString();
    return this.db.transaction(async (tx) => {
      const current = await this.row(tx, who, id, true);
      const before = webhookView(current);
      const [[row]]: [SubscriptionRow[]] = await tx.query(UPDATE_SUBSCRIPTION, [
        id, url ?? current.url, events ?? current.events, input.description === undefined ? current.description : input.description, input.active ?? current.active,
      ]);
      const after = webhookView(row);
      const { updatedAt: _, ...changes } = diffFields(before, after);
      if (Object.keys(changes).length) {
        await this.events.record(tx, { type: updateEventName('webhook', changes), subject: { type: 'webhook', id }, clientId: row.client_id, data: { webhook: after }, changes });
      }
      return after;
    });
  }

  async remove(who: Principal, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await this.row(tx, who, id, true);
      await tx.query(`DELETE FROM webhook_subscriptions WHERE id = $1`, [id]);
      await this.events.record(tx, { type: 'webhook.deleted', subject: { type: 'webhook', id }, clientId: row.client_id, data: { webhook: webhookView(row) } });
    });
  }

  /** A new secret; the one it replaces still signs (beside it) for `overlapSeconds`. */
  async rotateSecret(who: Principal, id: string, overlapSeconds: number): Promise<{ webhook: WebhookView; secret: string }> {
    const secret = newWebhookSecret();
    const s = this.seal(secret, id);
    return this.db.transaction(async (tx) => {
      await this.row(tx, who, id, true);
      const validUntil = new Date(Date.now() + overlapSeconds * 1000);
      const [[row]]: [SubscriptionRow[]] = await tx.query(ROTATE_SECRET, [id, s.ciphertext, s.iv, s.tag, s.keyVersion, validUntil]);
      const webhook = webhookView(row);
      await this.events.record(tx, {
        type: 'webhook.secret_rotated', subject: { type: 'webhook', id }, clientId: row.client_id,
        data: { webhook, previousValidUntil: validUntil.toISOString() }, changes: { secret: { changed: true } },
      });
      return { webhook, secret };
    });
  }

  async deliveries(who: Principal, id: string, page: PageRequest & { status?: DeliveryStatus }): Promise<{ items: DeliveryView[]; total: number }> {
    await this.row(this.db.manager, who, id);
    const params = [id, page.status ?? null];
    const where = `subscription_id = $1 AND ($2::text IS NULL OR status = $2)`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM webhook_deliveries WHERE ${where}`, params);
    const rows: DeliveryRow[] = await this.db.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE ${where} ORDER BY seq DESC LIMIT $3 OFFSET $4`, [...params, page.limit, page.offset]);
    return { items: rows.map(deliveryView), total };
  }

  /** One delivery with every attempt at it, oldest first (the first MAX_ATTEMPTS_SHOWN). */
  async delivery(who: Principal, id: string, deliveryId: string): Promise<DeliveryView & { attemptLog: AttemptView[] }> {
    await this.row(this.db.manager, who, id);
    const [row]: DeliveryRow[] = await this.db.query(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1 AND subscription_id = $2`, [deliveryId, id]);
    if (!row) throw notFound('delivery', deliveryId);
    const attempts: AttemptRow[] = await this.db.query(DELIVERY_ATTEMPTS, [deliveryId, MAX_ATTEMPTS_SHOWN]);
    return { ...deliveryView(row), attemptLog: attempts.map(attemptView) };
  }

  /** Queues a delivery again, now, under its own webhook-id, whatever became of it. */
  async redeliver(who: Principal, id: string, deliveryId: string): Promise<DeliveryView> {
    return this.db.transaction(async (tx) => {
      const hook = await this.row(tx, who, id);
      const [rows]: [DeliveryRow[]] = await tx.query(REDELIVER, [deliveryId, id]);
      if (!rows.length) throw notFound('delivery', deliveryId);
      const delivery = deliveryView(rows[0]);
      await this.events.record(tx, { type: 'webhook.redelivery_requested', subject: { type: 'webhook', id }, clientId: hook.client_id, data: { webhookId: id, delivery } });
      return delivery;
    });
  }

  private async row(manager: EntityManager, who: Principal, id: string, lock = false): Promise<SubscriptionRow> {
    const [row]: SubscriptionRow[] = await manager.query(GET_SUBSCRIPTION + (lock ? ' FOR UPDATE' : ''), [id, tenantOf(who) ?? null]);
    if (!row) throw notFound('webhook', id);
    return row;
  }

  private checkEvents(events: string[]): string[] {
    const unique = [...new Set(events)];
    const bad = unknownPatterns(unique);
    if (bad.length) throw new BadRequestException(`events: ${bad.map((p) => `"${p}"`).join(', ')} match no known event (docs/events.md lists them; use a name, prefix.* or *)`);
    return unique;
  }

  private seal(secret: string, id: string) {
    if (!this.box.canSeal) throw new ServiceUnavailableException(NO_WEBHOOK_KEY_MESSAGE);
    return this.box.seal(secret, id);
  }
}

const clientMissing = (id: string) => new BadRequestException(`clientId: client ${id} not found`);
