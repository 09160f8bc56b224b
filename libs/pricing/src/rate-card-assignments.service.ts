import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ClientRateCardEntity, RateCardEntity, RateCardPriceEntity } from '@tally/database';
import { diffFields, EventsService } from '@tally/events';
import { ClientsService, notFound, Principal, tenantOf } from '@tally/tenancy';
import { DataSource, EntityManager } from 'typeorm';
import { PriceChecks } from './price-checks';
import { PriceFields, PriceInput, periodsOverlap } from './price-rules';
import type { PriceSpec } from './price-spec';
import { lockCard, priceRow, toPriceSpec } from './rate-card-prices.repository';
import { PriceView, view } from './rate-cards.service';
import { assignmentView } from './views';

export interface AssignmentInput {
  rateCardId: string;
  /** The client's own prices, replacing all it had; in the card's currency. */
  overrides?: PriceInput[];
}

export interface AssignmentView {
  clientId: string;
  card: RateCardEntity;
  overrides: PriceView[];
  assignedAt: Date;
  updatedAt: Date;
}

/** What prices one client's usage: its card, and per measurement key the card's prices and its overrides. */
export interface ClientPrices {
  card: RateCardEntity;
  prices: Map<string, PriceSpec[]>;
}

/**
 * Which rate card prices a client, with that client's overrides of single prices. An override
 * wins over the card's price while it is in effect (pricePeriods); outside its period the
 * card's price applies. The assignment is written whole: the card and all overrides at once.
 */
@Injectable()
export class RateCardAssignmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clients: ClientsService,
    private readonly checks: PriceChecks,
    private readonly events: EventsService,
  ) {}

  async get(principal: Principal, clientId: string): Promise<AssignmentView> {
    const tenant = tenantOf(principal);
    if (tenant && tenant !== clientId) throw notFound('client', clientId);
    const found = await this.load(this.db.manager, clientId);
    if (!found) {
      await this.clients.get(principal, clientId); // 404 for a missing client first
      throw new NotFoundException(`client ${clientId} has no rate card; assign one with PUT /api/v1/clients/${clientId}/rate-card`);
    }
    return found;
  }

  async assign(principal: Principal, clientId: string, input: AssignmentInput): Promise<AssignmentView> {
    await this.clients.get(principal, clientId);
    const overrides = input.overrides ?? [];
    return this.db.transaction(async (tx) => {
      const card = await lockCard(tx, input.rateCardId);
      if (!card) throw new BadRequestException(`rateCardId: rate card ${input.rateCardId} not found`);
      const checked: { measurementId: number; key: string; fields: PriceFields }[] = [];
      for (const [i, o] of overrides.entries()) {
        const at = `overrides[${i}].`;
        const m = await this.checks.measurement(o.measurement, at);
        const fields = this.checks.fields(m, o, at);
        const clash = checked.findIndex((c) => c.measurementId === m.id && periodsOverlap(c.fields, fields));
        if (clash >= 0) throw new ConflictException(`${at}effectiveFrom: overlaps overrides[${clash}], also for ${m.key}; one measurement has one price at a time`);
        checked.push({ measurementId: m.id, key: m.key, fields });
      }
      const previous = await this.load(tx, clientId);
      // Overrides first: the assignment row they hang on may change card.
      await tx.query(`DELETE FROM rate_card_prices WHERE client_id = $1`, [clientId]);
      await tx.query(
        `INSERT INTO client_rate_cards (client_id, rate_card_id) VALUES ($1, $2)
         ON CONFLICT (client_id) DO UPDATE SET rate_card_id = EXCLUDED.rate_card_id, updated_at = now()`,
        [clientId, card.id],
      );
      if (checked.length) {
        await tx.getRepository(RateCardPriceEntity).insert(checked.map((c) => priceRow({ cardId: card.id, measurementId: c.measurementId, clientId }, c.fields)));
      }
      const assigned = (await this.load(tx, clientId))!;
      await this.recordAssignment(tx, 'rate_card.assigned', assigned, previous);
      return assigned;
    });
  }

  /** On a reassignment, `changes` holds the card and overrides before and after (override ids are new each time). */
  private async recordAssignment(tx: EntityManager, type: string, now: AssignmentView, previous: AssignmentView | null): Promise<void> {
    const after = assignmentView(now);
    const terms = (a: ReturnType<typeof assignmentView>) => ({
      rateCardId: a.rateCard.id,
      overrides: a.overrides.map(({ id: _, createdAt: _c, updatedAt: _u, ...o }) => o),
    });
    const changes = previous ? diffFields(terms(assignmentView(previous)), terms(after)) : null;
    if (changes && !Object.keys(changes).length) return; // the same terms again: nothing happened
    await this.events.record(tx, { type, subject: { type: 'client', id: now.clientId }, clientId: now.clientId, data: { assignment: after }, changes });
  }

  /** The client's usage is no longer priced; its overrides go with the assignment. */
  async unassign(principal: Principal, clientId: string): Promise<void> {
    await this.clients.get(principal, clientId);
    await this.db.transaction(async (tx) => {
      const previous = await this.load(tx, clientId);
      const deleted: [unknown[], number] = await tx.query(`DELETE FROM client_rate_cards WHERE client_id = $1`, [clientId]);
      if (!deleted[1]) throw new NotFoundException(`client ${clientId} has no rate card`);
      await this.events.record(tx, {
        type: 'rate_card.unassigned', subject: { type: 'client', id: clientId }, clientId, data: { assignment: assignmentView(previous!) },
      });
    });
  }

  /** For pricing a report: the client's card and every price that may apply, or null when it has no card. */
  async pricesFor(clientId: string): Promise<ClientPrices | null> {
    const assignment = await this.db.getRepository(ClientRateCardEntity).findOne({ where: { clientId }, relations: { rateCard: true } });
    if (!assignment) return null;
    const rows = await this.db.getRepository(RateCardPriceEntity).createQueryBuilder('p').innerJoinAndSelect('p.measurement', 'm')
      .where('p.rate_card_id = :card AND (p.client_id IS NULL OR p.client_id = :clientId)', { card: assignment.rateCardId, clientId })
      .orderBy('p.effectiveFrom', 'ASC').getMany();
    const prices = new Map<string, PriceSpec[]>();
    for (const row of rows) prices.set(row.measurement!.key, [...(prices.get(row.measurement!.key) ?? []), toPriceSpec(row)]);
    return { card: assignment.rateCard!, prices };
  }

  private async load(manager: EntityManager, clientId: string): Promise<AssignmentView | null> {
    const assignment = await manager.getRepository(ClientRateCardEntity).findOne({ where: { clientId }, relations: { rateCard: true } });
    if (!assignment) return null;
    const rows = await manager.getRepository(RateCardPriceEntity).createQueryBuilder('p').innerJoinAndSelect('p.measurement', 'm')
      .where('p.client_id = :clientId', { clientId }).orderBy('m.key', 'ASC').addOrderBy('p.effectiveFrom', 'ASC').getMany();
    const card = assignment.rateCard!;
    return { clientId, card, overrides: rows.map((p) => view(p, card)), assignedAt: assignment.createdAt, updatedAt: assignment.updatedAt };
  }
}
