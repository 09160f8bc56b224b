import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate cards (design §11): a card in one currency, its prices per measurement with effective
 * periods and optional tiers, and each client's assignment to one card. A client's overrides
 * are prices of the card with client_id set, tied to the assignment by a composite key so
 * that dropping or changing the assignment cannot leave overrides of another card behind.
 * Amounts are numeric and tier bounds decimal text: nothing here is floating point.
 */
export class RateCards1795560001000 implements MigrationInterface {
  name = 'RateCards1795560001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_cards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        currency text NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rate_cards_name_key UNIQUE (name)
      )`);
    await q.query(`
      CREATE TABLE client_rate_cards (
        client_id uuid PRIMARY KEY,
        rate_card_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT client_rate_cards_client_id_rate_card_id_key UNIQUE (client_id, rate_card_id),
        CONSTRAINT client_rate_cards_client_id_fkey FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE,
        CONSTRAINT client_rate_cards_rate_card_id_fkey FOREIGN KEY (rate_card_id) REFERENCES rate_cards (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX client_rate_cards_rate_card_id_idx ON client_rate_cards (rate_card_id)`);
    await q.query(`
      CREATE TABLE rate_card_prices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rate_card_id uuid NOT NULL,
        client_id uuid,
        measurement_id smallint NOT NULL,
        price_unit text NOT NULL,
        unit_price numeric,
        tiers jsonb,
        effective_from timestamptz NOT NULL,
        effective_to timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rate_card_prices_period_check CHECK (effective_to IS NULL OR effective_to > effective_from),
        CONSTRAINT rate_card_prices_shape_check CHECK ((unit_price IS NULL) <> (tiers IS NULL)),
        CONSTRAINT rate_card_prices_unit_price_check CHECK (unit_price >= 0),
        CONSTRAINT rate_card_prices_rate_card_id_fkey FOREIGN KEY (rate_card_id) REFERENCES rate_cards (id) ON DELETE CASCADE,
        CONSTRAINT rate_card_prices_assignment_fkey FOREIGN KEY (client_id, rate_card_id)
          REFERENCES client_rate_cards (client_id, rate_card_id) ON DELETE CASCADE,
        CONSTRAINT rate_card_prices_measurement_id_fkey FOREIGN KEY (measurement_id) REFERENCES measurements (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX rate_card_prices_lookup_idx ON rate_card_prices (rate_card_id, measurement_id, effective_from)`);
    await q.query(`CREATE INDEX rate_card_prices_client_id_idx ON rate_card_prices (client_id, rate_card_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_card_prices`);
    await q.query(`DROP TABLE client_rate_cards`);
    await q.query(`DROP TABLE rate_cards`);
  }
}
