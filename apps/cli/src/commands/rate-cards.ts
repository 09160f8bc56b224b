import { Command, InvalidArgumentError } from 'commander';
import type { Schemas } from '../api-client';
import { globalsOf } from '../cli-config';
import { UsageError } from '../errors';
import { Column, printResult, table } from '../output';
import { clientFor, printPage, withPaging } from './common';

type CardRow = Schemas['RateCardDto'];
type Tier = Schemas['TierDto'];
type PriceRow = Schemas['PriceDto'];
type Assignment = Schemas['RateCardAssignmentDto'];

const CARD_COLUMNS: Column<CardRow>[] = [['id', (c) => c.id], ['name', (c) => c.name], ['currency', (c) => c.currency], ['description', (c) => c.description || null]];
const day = (iso: string | null) => (iso === null ? null : iso.replace(/T00:00:00\.000Z$/, '').replace(/\.000Z$/, 'Z'));
const PRICE_COLUMNS: Column<PriceRow>[] = [
  ['measurement', (p) => p.measurement],
  ['price', (p) => (p.unitPrice !== null ? p.unitPrice : p.tiers!.map((t) => (t.upTo === null ? `${t.unitPrice} beyond` : `${t.unitPrice} up to ${t.upTo}`)).join('; '))],
  ['per', (p) => `${p.currency}/${p.priceUnit}`],
  ['from', (p) => day(p.effectiveFrom)],
  ['to', (p) => day(p.effectiveTo)],
  ['id', (p) => p.id],
];

/** A date alone means midnight UTC; anything else goes to the API as written, which checks it. */
function instant(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}

/** --tier 1000=0.01 --tier rest=0.008: bands in order, the last one `rest`. */
function tier(value: string, previous: Tier[] = []): Tier[] {
  const m = /^([^=]+)=(.+)$/.exec(value);
  if (!m) throw new InvalidArgumentError('must be <upTo>=<price>, or rest=<price> for the last band');
  return [...previous, { upTo: m[1] === 'rest' ? null : m[1], unitPrice: m[2] }];
}

/** --override ganeti.vcpus=0.03 or ganeti.memory=0.004@GiB·h */
function override(value: string, previous: { measurement: string; unitPrice: string; priceUnit?: string }[] = []) {
  const m = /^([^=]+)=([^@]+)(?:@(.+))?$/.exec(value);
  if (!m) throw new InvalidArgumentError('must be <measurement>=<price>, optionally @<unit>');
  return [...previous, { measurement: m[1], unitPrice: m[2], ...(m[3] ? { priceUnit: m[3] } : {}) }];
}

function printCard(cmd: Command, data: unknown, card: CardRow, prices: PriceRow[], title: string): void {
  if (globalsOf(cmd).json) return printResult(cmd, data, [], []);
  process.stdout.write(table([card], CARD_COLUMNS));
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(prices.length ? table(prices, PRICE_COLUMNS) : '(none)\n');
}

export function rateCardsCommand(): Command {
  const cmd = new Command('rate-cards').description('rate cards: prices per measurement, in one currency, assigned to clients');
  withPaging(cmd.command('list').description('list rate cards (a client key sees only its own)'))
    .option('--name <part>', 'only names containing this (case-insensitive)')
    .action(async (opts, self: Command) => {
      await printPage<'listRateCards'>(self, '/rate-cards', { name: opts.name, limit: opts.limit, offset: opts.offset }, CARD_COLUMNS);
    });
  cmd
    .command('show')
    .description("show a card and its prices, or with --client a client's card and overrides")
    .argument('[cardId]', 'rate card id')
    .option('--client <id>', "show this client's assignment instead")
    .action(async (cardId: string | undefined, o, self: Command) => {
      if (!cardId === !o.client) throw new UsageError('show needs a card id or --client <id>, not both');
      const api = clientFor(self);
      if (o.client) {
        const a = await api.get<'getClientRateCard'>(`/clients/${encodeURIComponent(o.client)}/rate-card`);
        return printCard(self, a, a.rateCard, a.overrides, `Overrides for client ${a.clientId}:`);
      }
      const card = await api.get<'getRateCard'>(`/rate-cards/${encodeURIComponent(cardId!)}`);
      printCard(self, card, card, card.prices, 'Prices:');
    });
  cmd
    .command('create')
    .description('create a rate card (admin)')
    .argument('<name>', 'card name')
    .requiredOption('--currency <code>', 'ISO 4217 currency, e.g. EUR')
    .option('--description <text>', 'free text')
    .action(async (name: string, o, self: Command) => {
      const created = await clientFor(self).post<'createRateCard'>('/rate-cards', { name, currency: o.currency, description: o.description });
      printResult(self, created, [created], CARD_COLUMNS);
    });
  cmd
    .command('set-price')
    .description('add a price for one measurement (admin): flat, or graduated with --tier')
    .argument('<cardId>', 'rate card id')
    .argument('<measurement>', 'measurement key, e.g. ganeti.vcpus')
    .argument('[price]', 'flat price per unit, e.g. 0.04')
    .option('--unit <unit>', "unit the price is per, e.g. GiB·h or GiB*h (default: the measurement's display unit)")
    .option('--tier <upTo=price>', 'a graduated band, in order; the last is rest=<price> (repeatable)', tier)
    .option('--from <when>', 'effective from: YYYY-MM-DD (midnight UTC) or an ISO timestamp (default: always)')
    .option('--to <when>', 'effective until, exclusive (default: no end)')
    .option('--end-previous', 'end the price in effect at --from there: a price change in one step')
    .action(async (cardId: string, measurement: string, price: string | undefined, o, self: Command) => {
      if ((price === undefined) === (o.tier === undefined)) throw new UsageError('set-price needs a price or --tier bands, not both');
      const body = {
        measurement, priceUnit: o.unit, unitPrice: price, tiers: o.tier,
        effectiveFrom: o.from && instant(o.from), effectiveTo: o.to && instant(o.to), endPrevious: o.endPrevious,
      };
      const created = await clientFor(self).post<'createRateCardPrice'>(`/rate-cards/${encodeURIComponent(cardId)}/prices`, body);
      printResult(self, created, [created], PRICE_COLUMNS);
    });
  cmd
    .command('assign')
    .description("assign a card to a client (admin), replacing the client's overrides with those given")
    .argument('<clientId>', 'client id')
    .argument('<cardId>', 'rate card id')
    .option('--override <measurement=price[@unit]>', "this client's own flat price for one measurement (repeatable)", override)
    .action(async (clientId: string, cardId: string, o, self: Command) => {
      const a = await clientFor(self).json<Assignment>('PUT', `/clients/${encodeURIComponent(clientId)}/rate-card`, { rateCardId: cardId, overrides: o.override ?? [] });
      printCard(self, a, a.rateCard, a.overrides, `Overrides for client ${a.clientId}:`);
    });
  return cmd;
}
