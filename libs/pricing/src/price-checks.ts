import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { MeasurementEntity } from '@tally/database';
import { displayOf, MeasurementsService, usageUnitOfMeasurement } from '@tally/metering';
import { EntityManager } from 'typeorm';
import { checkPrice, PriceFields, PriceInput } from './price-rules';
import { findOverlap, PriceScope } from './rate-card-prices.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : 'no end');

/** The checks every price write makes, card price or override: shared by both services. */
@Injectable()
export class PriceChecks {
  constructor(private readonly measurements: MeasurementsService) {}

  /** The measurement a price names; an unknown key is bad input (400), not a missing page (404). */
  async measurement(key: string, at = ''): Promise<MeasurementEntity> {
    try {
      return await this.measurements.get(key);
    } catch (e) {
      if (e instanceof NotFoundException) throw new BadRequestException(`${at}measurement: no measurement has the key "${key}"`);
      throw e;
    }
  }

  /** Checked fields, or a 400 listing every problem of the price. */
  fields(measurement: MeasurementEntity, input: Omit<PriceInput, 'measurement'>, at = ''): PriceFields {
    const { fields, problems } = checkPrice(input, usageUnitOfMeasurement(measurement), displayOf(measurement).unit, at);
    if (!fields) throw new BadRequestException(problems.join('; '));
    return fields;
  }

  /** 409 naming the period when another price of the same scope is in effect during it. */
  async refuseOverlap(tx: EntityManager, scope: PriceScope, key: string, fields: PriceFields, exceptId?: string, at = ''): Promise<void> {
    const other = await findOverlap(tx, scope, fields, exceptId);
    if (!other) return;
    const whose = scope.clientId ? `override ${other.id} of ${key} for this client` : `price ${other.id} of ${key}`;
    throw new ConflictException(
      `${at}effectiveFrom: [${iso(new Date(fields.effectiveFrom))}, ${iso(fields.effectiveTo === null ? null : new Date(fields.effectiveTo))}) ` +
        `overlaps ${whose}, effective [${iso(other.from)}, ${iso(other.to)}); end that one first${scope.clientId ? '' : ' (or send endPrevious: true)'}`,
    );
  }
}
