import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { EventChanges, PG_UNIQUE_VIOLATION, pgCode, RateCardEntity, RateCardPriceEntity } from '@tally/database';
import { diffFields, EventsService } from '@tally/events';
import { currencyProblem } from '@tally/money';
import { notFound, paginate, PageRequest, Principal, tenantOf } from '@tally/tenancy';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { PriceChecks } from './price-checks';
import { PriceInput } from './price-rules';
import { endPriceInEffect, lockCard, priceRow } from './rate-card-prices.repository';
import { priceView, rateCardView } from './views';

export interface RateCardInput {
  name: string;
  currency: string;
  description?: string;
}

export interface NewPrice extends PriceInput {
  /** End the price in effect at effectiveFrom there, so a price change is one request. */
  endPrevious?: boolean;
}

/** A price with what its row does not hold: the measurement key and the card's currency. */
export interface PriceView {
  price: RateCardPriceEntity;
  measurement: string;
  currency: string;
}

/**
 * Rate cards and their own prices (design §11). A client key sees only the card assigned to
 * its client; everything else answers 404. Each change is one method and one transaction,
 * so the events of issue 10 can be written in it.
 */
@Injectable()
export class RateCardsService {
  constructor(
    @InjectRepository(RateCardEntity) private readonly cards: Repository<RateCardEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly checks: PriceChecks,
    private readonly events: EventsService,
  ) {}

  list(principal: Principal, page: PageRequest & { name?: string }) {
    const qb = this.visible(principal).orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC');
    if (page.name) qb.andWhere('c.name ILIKE :name', { name: `%${page.name.replace(/[%_\\]/g, '\\$&')}%` });
    return paginate(qb, page);
  }

  async get(principal: Principal, id: string): Promise<RateCardEntity> {
    const card = await this.visible(principal).andWhere('c.id = :id', { id }).getOne();
    if (!card) throw notFound('rate card', id);
    return card;
  }

  /** The card's own prices (not clients' overrides), by measurement key, then start. */
  async prices(principal: Principal, id: string): Promise<{ card: RateCardEntity; prices: PriceView[] }> {
    const card = await this.get(principal, id);
    const rows = await this.priceQuery(this.db.manager).where('p.rate_card_id = :id AND p.client_id IS NULL', { id }).getMany();
    return { card, prices: rows.map((p) => view(p, card)) };
  }

  async create(input: RateCardInput): Promise<RateCardEntity> {
    checkCurrency(input.currency);
    return this.db.transaction(async (tx) => {
      const card = await saveUnique(tx, this.cards.create({ name: input.name, currency: input.currency, description: input.description ?? '' }));
      await this.cardEvent(tx, 'rate_card.created', card);
      return card;
    });
  }

  /** The currency can change only while the card has no price: its amounts would change meaning. */
  async update(id: string, input: Partial<RateCardInput>): Promise<RateCardEntity> {
    if (input.currency !== undefined) checkCurrency(input.currency);
    return this.db.transaction(async (tx) => {
      const card = await lockCard(tx, id);
      if (!card) throw notFound('rate card', id);
      if (input.currency !== undefined && input.currency !== card.currency) {
        const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM rate_card_prices WHERE rate_card_id = $1`, [id]);
        if (n > 0) throw new ConflictException(`currency: rate card ${id} has ${n} prices in ${card.currency}; make a new card in ${input.currency} instead`);
      }
      const before = rateCardView(card);
      Object.assign(card, input);
      const saved = await saveUnique(tx, card);
      const { updatedAt: _, ...changes } = diffFields(before, rateCardView(saved));
      if (Object.keys(changes).length) await this.cardEvent(tx, 'rate_card.updated', saved, changes);
      return saved;
    });
  }

  /** Deletes a card and its prices; refused while a client is assigned to it. */
  async remove(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const card = await lockCard(tx, id);
      if (!card) throw notFound('rate card', id);
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM client_rate_cards WHERE rate_card_id = $1`, [id]);
      if (n > 0) throw new ConflictException(`rate card ${id} is assigned to ${n} client${n === 1 ? '' : 's'}; assign ${n === 1 ? 'it' : 'them'} another card first`);
      await tx.query(`DELETE FROM rate_cards WHERE id = $1`, [id]);
      await this.cardEvent(tx, 'rate_card.deleted', card);
    });
  }

  async getPrice(principal: Principal, cardId: string, priceId: string): Promise<PriceView> {
    const card = await this.get(principal, cardId);
    const price = await this.priceQuery(this.db.manager).where('p.id = :priceId AND p.rate_card_id = :cardId AND p.client_id IS NULL', { priceId, cardId }).getOne();
    if (!price) throw notFound('price', priceId);
    return view(price, card);
  }

  async createPrice(cardId: string, input: NewPrice): Promise<PriceView> {
    return this.db.transaction(async (tx) => {
      const card = await lockCard(tx, cardId);
      if (!card) throw notFound('rate card', cardId);
      const measurement = await this.checks.measurement(input.measurement);
      const fields = this.checks.fields(measurement, input);
      const scope = { cardId, measurementId: measurement.id, clientId: null };
      if (input.endPrevious) await endPriceInEffect(tx, scope, fields.effectiveFrom);
      await this.checks.refuseOverlap(tx, scope, measurement.key, fields);
      const saved = await tx.getRepository(RateCardPriceEntity).save(priceRow(scope, fields));
      const price = await this.reload(tx, saved.id, card);
      await this.priceEvent(tx, 'price.created', price);
      return price;
    });
  }

  /** Changes a price; giving unitPrice replaces tiers and the other way round. The measurement stays. */
  async updatePrice(cardId: string, priceId: string, patch: Omit<Partial<PriceInput>, 'measurement'>): Promise<PriceView> {
    if (patch.unitPrice !== undefined && patch.tiers !== undefined) {
      throw new BadRequestException('unitPrice and tiers exclude each other: give a flat price or graduated tiers');
    }
    return this.db.transaction(async (tx) => {
      const card = await lockCard(tx, cardId);
      if (!card) throw notFound('rate card', cardId);
      const stored = await this.priceQuery(tx).where('p.id = :priceId AND p.rate_card_id = :cardId AND p.client_id IS NULL', { priceId, cardId }).getOne();
      if (!stored) throw notFound('price', priceId);
      const fields = this.checks.fields(stored.measurement!, {
        priceUnit: patch.priceUnit ?? stored.priceUnit,
        unitPrice: patch.tiers !== undefined ? undefined : (patch.unitPrice ?? stored.unitPrice ?? undefined),
        tiers: patch.unitPrice !== undefined ? undefined : (patch.tiers ?? stored.tiers ?? undefined),
        effectiveFrom: patch.effectiveFrom ?? stored.effectiveFrom.toISOString(),
        effectiveTo: patch.effectiveTo !== undefined ? patch.effectiveTo : (stored.effectiveTo?.toISOString() ?? null),
      });
      const scope = { cardId, measurementId: stored.measurementId, clientId: null };
      await this.checks.refuseOverlap(tx, scope, stored.measurement!.key, fields, priceId);
      await tx.getRepository(RateCardPriceEntity).update(priceId, priceRow(scope, fields));
      const price = await this.reload(tx, priceId, card);
      const { updatedAt: _, ...changes } = diffFields(priceView(view(stored, card)), priceView(price));
      if (Object.keys(changes).length) await this.priceEvent(tx, 'price.updated', price, changes);
      return price;
    });
  }

  async removePrice(cardId: string, priceId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const card = await lockCard(tx, cardId);
      if (!card) throw notFound('rate card', cardId);
      const stored = await this.priceQuery(tx).where('p.id = :priceId AND p.rate_card_id = :cardId AND p.client_id IS NULL', { priceId, cardId }).getOne();
      if (!stored) throw notFound('price', priceId);
      await tx.query(`DELETE FROM rate_card_prices WHERE id = $1`, [priceId]);
      await this.priceEvent(tx, 'price.deleted', view(stored, card));
    });
  }

  /** Cards the principal may see: all, or for a client key only the one assigned to its client. */
  private visible(principal: Principal) {
    const qb = this.cards.createQueryBuilder('c');
    const tenant = tenantOf(principal);
    if (tenant) qb.where('c.id IN (SELECT rate_card_id FROM client_rate_cards WHERE client_id = :tenant)', { tenant });
    return qb;
  }

  private priceQuery(manager: EntityManager) {
    return manager.getRepository(RateCardPriceEntity).createQueryBuilder('p').innerJoinAndSelect('p.measurement', 'm').orderBy('m.key', 'ASC').addOrderBy('p.effectiveFrom', 'ASC');
  }

  /** Cards and their prices belong to no client: their events are installation-wide. */
  private cardEvent(tx: EntityManager, type: string, card: RateCardEntity, changes?: EventChanges) {
    return this.events.record(tx, { type, subject: { type: 'rate_card', id: card.id }, data: { rateCard: rateCardView(card) }, changes });
  }

  private priceEvent(tx: EntityManager, type: string, price: PriceView, changes?: EventChanges) {
    return this.events.record(tx, { type, subject: { type: 'price', id: price.price.id }, data: { price: priceView(price) }, changes });
  }

  private async reload(tx: EntityManager, id: string, card: RateCardEntity): Promise<PriceView> {
    return view((await this.priceQuery(tx).where('p.id = :id', { id }).getOne())!, card);
  }
}

export function view(price: RateCardPriceEntity, card: Pick<RateCardEntity, 'currency'>): PriceView {
  return { price, measurement: price.measurement!.key, currency: card.currency };
}

function checkCurrency(currency: string): void {
  const problem = currencyProblem(currency);
  if (problem) throw new BadRequestException(`currency ${problem}`);
}

async function saveUnique(tx: EntityManager, card: RateCardEntity): Promise<RateCardEntity> {
  try {
    return await tx.getRepository(RateCardEntity).save(card);
  } catch (e) {
    if (pgCode(e) === PG_UNIQUE_VIOLATION) throw new ConflictException(`name: a rate card named "${card.name}" already exists`);
    throw e;
  }
}
