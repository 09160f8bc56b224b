import { decimal } from '@tally/money';
import { priceLine, pricePeriods, RateCardAssignmentsService } from '@tally/pricing';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, seedReportClient, uniq, WINDOW } from '../support/factories';

const NOV = '2026-11-01T00:00:00Z';
const NOV16 = '2026-11-16T00:00:00Z';
const DEC = '2026-12-01T00:00:00Z';

describe('rate cards API', () => {
  let api: TestApi;
  let admin: ReturnType<TestApi['as']>;
  beforeAll(async () => {
    api = await startApi();
    admin = api.as(api.adminKey);
  });
  afterAll(() => api.close());

  const newCard = async (currency = 'EUR') => (await admin.post('/api/v1/rate-cards').send({ name: uniq('card'), currency }).expect(201)).body;
  const addPrice = (cardId: string, body: Record<string, unknown>) => admin.post(`/api/v1/rate-cards/${cardId}/prices`).send(body);

  it('creates, lists, reads, renames and deletes a card', async () => {
    const name = uniq('Standard');
    const created = await admin.post('/api/v1/rate-cards').send({ name, currency: 'KWD', description: 'list prices' }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String), name, currency: 'KWD', minorUnits: 3, description: 'list prices', createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const listed = await admin.get(`/api/v1/rate-cards?name=${encodeURIComponent(name)}`).expect(200);
    expect(listed.body).toEqual({ items: [created.body], total: 1 });
    expect((await admin.get(`/api/v1/rate-cards/${created.body.id}`).expect(200)).body).toEqual({ ...created.body, prices: [] });
    const renamed = await admin.patch(`/api/v1/rate-cards/${created.body.id}`).send({ name: `${name} 2`, currency: 'JPY' }).expect(200);
    expect(renamed.body).toMatchObject({ name: `${name} 2`, currency: 'JPY', minorUnits: 0 });
    expect((await admin.post('/api/v1/rate-cards').send({ name: `${name} 2`, currency: 'EUR' }).expect(409)).body.message).toMatch(/^name: a rate card named ".*" already exists$/);
    await admin.delete(`/api/v1/rate-cards/${created.body.id}`).expect(204);
    await admin.get(`/api/v1/rate-cards/${created.body.id}`).expect(404);
  });

  it.each([
    [{ currency: 'eur' }, /^currency must be an ISO 4217 code of three upper-case letters/],
    [{ currency: 'XYZ' }, /^currency must be an ISO 4217 currency in use; XYZ is not one$/],
    [{ currency: 'EUR', name: ' padded' }, /^name must not start or end with white space$/],
    [{ currency: 'EUR', colour: 'red' }, /^colour: .*should not exist/],
  ])('refuses the card %j naming the field', async (fields, message) => {
    const res = await admin.post('/api/v1/rate-cards').send({ name: uniq('bad'), ...fields }).expect(400);
    expect(res.body.message).toMatch(message);
  });

  it('adds flat and tiered prices in the units given, by default the display unit', async () => {
    const card = await newCard();
    const flat = await addPrice(card.id, { measurement: 'ganeti.vcpus', unitPrice: '0.0400', effectiveFrom: NOV }).expect(201);
    expect(flat.body).toEqual({
      id: expect.any(String), rateCardId: card.id, clientId: null, measurement: 'ganeti.vcpus', currency: 'EUR', priceUnit: 'vCPU·h',
      unitPrice: '0.04', tiers: null, effectiveFrom: '2026-11-01T00:00:00.000Z', effectiveTo: null, createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const tiered = await addPrice(card.id, {
      measurement: 'ganeti.memory', priceUnit: 'GiB*h', tiers: [{ upTo: '1000', unitPrice: '0.01' }, { upTo: null, unitPrice: '0.008' }],
    }).expect(201);
    expect(tiered.body).toMatchObject({ priceUnit: 'GiB·h', unitPrice: null, tiers: [{ upTo: '1000', unitPrice: '0.01' }, { upTo: null, unitPrice: '0.008' }], effectiveFrom: '2000-01-01T00:00:00.000Z' });
    const read = (await admin.get(`/api/v1/rate-cards/${card.id}`).expect(200)).body;
    expect(read.prices.map((p: { measurement: string }) => p.measurement)).toEqual(['ganeti.memory', 'ganeti.vcpus']);
    expect((await admin.get(`/api/v1/rate-cards/${card.id}/prices/${flat.body.id}`).expect(200)).body).toEqual(flat.body);
  });

  it.each([
    [{ measurement: 'no.such_key', unitPrice: '1' }, 400, /^measurement: no measurement has the key "no\.such_key"$/],
    [{ measurement: 'ganeti.vcpus', unitPrice: '-0.01' }, 400, /^unitPrice must not be negative$/],
    [{ measurement: 'ganeti.vcpus', unitPrice: 0.04 }, 400, /^unitPrice must be a decimal string such as "0\.0125" \(a JSON number would be read as floating point\)$/],
    [{ measurement: 'ganeti.vcpus' }, 400, /^unitPrice or tiers is required/],
    [{ measurement: 'ganeti.vcpus', unitPrice: '1', tiers: [{ upTo: null, unitPrice: '1' }] }, 400, /^unitPrice and tiers exclude each other/],
    [{ measurement: 'ganeti.memory', tiers: [{ upTo: '1000', unitPrice: '0.01' }, { upTo: '500', unitPrice: '0.009' }, { upTo: null, unitPrice: '0.008' }] }, 400, /^tiers\[1\]\.upTo must be greater than tiers\[0\]\.upTo \(1000\)$/],
    [{ measurement: 'ganeti.memory', tiers: [{ upTo: '1000', unitPrice: '0.01' }] }, 400, /^tiers\[0\]\.upTo must be null: the last tier has no upper bound$/],
    [{ measurement: 'ganeti.memory', tiers: [{ upTo: 'lots', unitPrice: '0.01' }, { upTo: null, unitPrice: '1' }] }, 400, /^tiers\[0\]\.upTo must be a decimal string/],
    [{ measurement: 'ganeti.memory', priceUnit: 'GiB', unitPrice: '1' }, 400, /^priceUnit: "GiB" is not a unit "MiB·h" converts to; use one of byte·s/],
    [{ measurement: 'ganeti.vcpus', unitPrice: '1', effectiveFrom: '2026-11-01' }, 400, /^effectiveFrom must be an ISO 8601 timestamp with an offset/],
    [{ measurement: 'ganeti.vcpus', unitPrice: '1', effectiveFrom: DEC, effectiveTo: NOV }, 400, /^effectiveTo must be later than effectiveFrom$/],
  ])('refuses the price %j naming the field', async (body, status, message) => {
    const card = await newCard();
    const res = await addPrice(card.id, body).expect(status);
    expect(res.body.message).toMatch(message);
    expect((await admin.get(`/api/v1/rate-cards/${card.id}`).expect(200)).body.prices).toEqual([]);
  });

  it('refuses overlapping periods for one measurement, and changes a price in one request with endPrevious', async () => {
    const card = await newCard();
    const first = (await addPrice(card.id, { measurement: 'ganeti.vcpus', unitPrice: '0.04', effectiveFrom: NOV }).expect(201)).body;
    const clash = await addPrice(card.id, { measurement: 'ganeti.vcpus', unitPrice: '0.05', effectiveFrom: NOV16 }).expect(409);
    expect(clash.body.message).toBe(
      `effectiveFrom: [2026-11-16T00:00:00.000Z, no end) overlaps price ${first.id} of ganeti.vcpus, effective [2026-11-01T00:00:00.000Z, no end); end that one first (or send endPrevious: true)`,
    );
    await addPrice(card.id, { measurement: 'ganeti.memory', unitPrice: '0.01', effectiveFrom: NOV16 }).expect(201); // another measurement: no clash
    const change = await addPrice(card.id, { measurement: 'ganeti.vcpus', unitPrice: '0.05', effectiveFrom: NOV16, endPrevious: true }).expect(201);
    const prices = (await admin.get(`/api/v1/rate-cards/${card.id}`).expect(200)).body.prices.filter((p: { measurement: string }) => p.measurement === 'ganeti.vcpus');
    expect(prices.map((p: { unitPrice: string; effectiveFrom: string; effectiveTo: string | null }) => [p.unitPrice, p.effectiveFrom, p.effectiveTo])).toEqual([
      ['0.04', '2026-11-01T00:00:00.000Z', '2026-11-16T00:00:00.000Z'],
      ['0.05', '2026-11-16T00:00:00.000Z', null],
    ]);
    // A period before the first is free; one reaching into it is not.
    await addPrice(card.id, { measurement: 'ganeti.vcpus', unitPrice: '0.03', effectiveFrom: '2026-10-01T00:00:00Z', effectiveTo: NOV }).expect(201);
    const into = await addPrice(card.id, { measurement: 'ganeti.vcpus', unitPrice: '0.03', effectiveFrom: '2026-09-01T00:00:00Z', effectiveTo: '2026-10-02T00:00:00Z' }).expect(409);
    expect(into.body.message).toMatch(/^effectiveFrom: .* overlaps price .* effective \[2026-10-01T00:00:00\.000Z, 2026-11-01T00:00:00\.000Z\)/);
    // Extending the first period over the second is an overlap too.
    const extend = await admin.patch(`/api/v1/rate-cards/${card.id}/prices/${first.id}`).send({ effectiveTo: null }).expect(409);
    expect(extend.body.message).toMatch(new RegExp(`overlaps price ${change.body.id} of ganeti\\.vcpus`));
  });

  it('lets only one of several concurrent overlapping prices in', async () => {
    const card = await newCard();
    const results = await Promise.all([1, 2, 3].map((n) => addPrice(card.id, { measurement: 'ganeti.vcpus', unitPrice: `0.0${n}`, effectiveFrom: NOV })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('changes, retiers and deletes a price, and keeps the currency while prices exist', async () => {
    const card = await newCard('CHF');
    const price = (await addPrice(card.id, { measurement: 'ganeti.memory', unitPrice: '0.01' }).expect(201)).body;
    const tiered = await admin.patch(`/api/v1/rate-cards/${card.id}/prices/${price.id}`).send({ tiers: [{ upTo: '100', unitPrice: '0.02' }, { upTo: null, unitPrice: '0.01' }] }).expect(200);
    expect(tiered.body).toMatchObject({ unitPrice: null, tiers: [{ upTo: '100', unitPrice: '0.02' }, { upTo: null, unitPrice: '0.01' }], priceUnit: 'GiB·h' });
    const flat = await admin.patch(`/api/v1/rate-cards/${card.id}/prices/${price.id}`).send({ unitPrice: '0.015', effectiveTo: DEC }).expect(200);
    expect(flat.body).toMatchObject({ unitPrice: '0.015', tiers: null, effectiveTo: '2026-12-01T00:00:00.000Z' });
    expect((await admin.patch(`/api/v1/rate-cards/${card.id}/prices/${price.id}`).send({ measurement: 'ganeti.vcpus' }).expect(400)).body.message).toMatch(/^measurement: .*should not exist/);
    expect((await admin.patch(`/api/v1/rate-cards/${card.id}`).send({ currency: 'EUR' }).expect(409)).body.message).toMatch(/^currency: rate card .* has 1 prices in CHF/);
    const other = await newCard();
    await admin.get(`/api/v1/rate-cards/${other.id}/prices/${price.id}`).expect(404); // a price is reached through its own card
    await admin.delete(`/api/v1/rate-cards/${other.id}/prices/${price.id}`).expect(404);
    await admin.delete(`/api/v1/rate-cards/${card.id}/prices/${price.id}`).expect(204);
    await admin.get(`/api/v1/rate-cards/${card.id}/prices/${price.id}`).expect(404);
    await admin.patch(`/api/v1/rate-cards/${card.id}`).send({ currency: 'EUR' }).expect(200);
  });

  it("assigns a card with overrides, shows a client key only its own, and drops overrides with the assignment", async () => {
    const a = await makeTenant(api);
    const b = await makeTenant(api);
    const card = await newCard();
    await addPrice(card.id, { measurement: 'ganeti.vcpus', unitPrice: '0.04' }).expect(201);
    const assigned = await admin.put(`/api/v1/clients/${a.client.id}/rate-card`).send({
      rateCardId: card.id,
      overrides: [{ measurement: 'ganeti.vcpus', unitPrice: '0.03', effectiveFrom: NOV, effectiveTo: DEC }],
    }).expect(200);
    expect(assigned.body).toMatchObject({
      clientId: a.client.id, rateCard: { id: card.id, currency: 'EUR' },
      overrides: [{ clientId: a.client.id, rateCardId: card.id, measurement: 'ganeti.vcpus', unitPrice: '0.03', priceUnit: 'vCPU·h', currency: 'EUR' }],
    });
    // A's key: its card and assignment; nothing of B; no other card.
    const mine = api.as(a.key);
    expect((await mine.get(`/api/v1/clients/${a.client.id}/rate-card`).expect(200)).body).toEqual(assigned.body);
    expect((await mine.get('/api/v1/rate-cards').expect(200)).body).toMatchObject({ total: 1, items: [{ id: card.id }] });
    expect((await mine.get(`/api/v1/rate-cards/${card.id}`).expect(200)).body.prices).toHaveLength(1); // the card's price, not the override
    const otherCard = await newCard();
    await mine.get(`/api/v1/rate-cards/${otherCard.id}`).expect(404);
    await mine.get(`/api/v1/clients/${b.client.id}/rate-card`).expect(404);
    expect((await api.as(b.key).get('/api/v1/rate-cards').expect(200)).body).toEqual({ items: [], total: 0 });
    await api.as(b.key).get(`/api/v1/rate-cards/${card.id}`).expect(404);
    expect((await admin.get(`/api/v1/clients/${b.client.id}/rate-card`).expect(404)).body.message).toMatch(/has no rate card; assign one with PUT/);
    await mine.put(`/api/v1/clients/${a.client.id}/rate-card`).send({ rateCardId: card.id }).expect(403);

    // Billing staff read everything and change nothing.
    const billing = (await admin.post('/api/v1/api-keys').send({ name: uniq('billing'), role: 'billing' }).expect(201)).body.key;
    expect((await api.as(billing).get(`/api/v1/clients/${a.client.id}/rate-card`).expect(200)).body.overrides).toHaveLength(1);
    await api.as(billing).get(`/api/v1/rate-cards/${otherCard.id}`).expect(200);
    await api.as(billing).post(`/api/v1/rate-cards/${card.id}/prices`).send({ measurement: 'ganeti.vcpus', unitPrice: '1' }).expect(403);

    await admin.delete(`/api/v1/rate-cards/${card.id}`).expect(409);
    // Reassigning replaces the overrides; the old card's are gone.
    const moved = await admin.put(`/api/v1/clients/${a.client.id}/rate-card`).send({ rateCardId: otherCard.id }).expect(200);
    expect(moved.body).toMatchObject({ rateCard: { id: otherCard.id }, overrides: [], assignedAt: assigned.body.assignedAt });
    expect(await api.db.query(`SELECT 1 FROM rate_card_prices WHERE client_id = $1`, [a.client.id])).toEqual([]);
    await admin.delete(`/api/v1/clients/${a.client.id}/rate-card`).expect(204);
    await admin.delete(`/api/v1/clients/${a.client.id}/rate-card`).expect(404);
    await admin.delete(`/api/v1/rate-cards/${card.id}`).expect(204);
  });

  it('refuses bad assignments naming the field', async () => {
    const { client } = await makeTenant(api);
    const card = await newCard();
    const put = (body: unknown) => admin.put(`/api/v1/clients/${client.id}/rate-card`).send(body as object);
    expect((await put({ rateCardId: '00000000-0000-4000-8000-000000000000' }).expect(400)).body.message).toBe('rateCardId: rate card 00000000-0000-4000-8000-000000000000 not found');
    expect((await put({ rateCardId: 'card' }).expect(400)).body.message).toBe('rateCardId must be a UUID');
    expect((await put({ rateCardId: card.id, overrides: [{ measurement: 'ganeti.vcpus', unitPrice: 1 }] }).expect(400)).body.message).toMatch(/^overrides\[0\]\.unitPrice must be a decimal string/);
    expect((await put({ rateCardId: card.id, overrides: [{ measurement: 'ganeti.vcpus', unitPrice: '1' }, { measurement: 'nope.nope', unitPrice: '1' }] }).expect(400)).body.message)
      .toBe('overrides[1].measurement: no measurement has the key "nope.nope"');
    expect((await put({ rateCardId: card.id, overrides: [{ measurement: 'ganeti.disk', priceUnit: 'vCPU·h', unitPrice: '1' }] }).expect(400)).body.message).toMatch(/^overrides\[0\]\.priceUnit: /);
    const clash = await put({ rateCardId: card.id, overrides: [
      { measurement: 'ganeti.vcpus', unitPrice: '1', effectiveFrom: NOV, effectiveTo: DEC },
      { measurement: 'ganeti.vcpus', unitPrice: '2', effectiveFrom: NOV16 },
    ] }).expect(409);
    expect(clash.body.message).toBe('overrides[1].effectiveFrom: overlaps overrides[0], also for ganeti.vcpus; one measurement has one price at a time');
    await admin.put('/api/v1/clients/00000000-0000-4000-8000-000000000000/rate-card').send({ rateCardId: card.id }).expect(404);
    await admin.get(`/api/v1/clients/${client.id}/rate-card`).expect(404); // nothing of the refused ones stuck
  });

  it("prices a client's report line from its card, its override winning while in effect", async () => {
    // The seeded window: vm-1 holds 2 vCPU for 2 h = 4 vCPU·h.
    const seeded = await seedReportClient(api, uniq('Priced'));
    const card = await newCard();
    await addPrice(card.id, { measurement: 'ganeti.vcpus', unitPrice: '0.05' }).expect(201);
    const mid = '2026-10-01T01:00:00Z';
    await admin.put(`/api/v1/clients/${seeded.client.id}/rate-card`).send({ rateCardId: card.id, overrides: [{ measurement: 'ganeti.vcpus', unitPrice: '0.0125', effectiveFrom: mid }] }).expect(200);
    const { card: found, prices } = (await api.app.get(RateCardAssignmentsService).pricesFor(seeded.client.id))!;
    expect(found.currency).toBe('EUR');
    const periods = pricePeriods(prices.get('ganeti.vcpus')!, Date.parse(WINDOW.from), Date.parse(WINDOW.to));
    expect(periods.map((p) => p.price!.clientId)).toEqual([null, seeded.client.id]);
    // 2 vCPU·h in each hour: 2 × 0.05 + 2 × 0.0125 = 0.125 → 0.12 (half-even).
    const line = priceLine(found.currency, 'vCPU·h', periods.map((p) => ({ ...p, usage: decimal('2') })));
    expect(line).toMatchObject({ amount: '0.12', unitPrice: null });
    expect(await api.app.get(RateCardAssignmentsService).pricesFor((await makeTenant(api)).client.id)).toBeNull();
  });

  it('documents every status of every rate card operation in OpenAPI', async () => {
    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    const ops = Object.entries<Record<string, { responses: Record<string, { content?: unknown }> }>>(doc.paths)
      .filter(([path]) => path.includes('rate-card'))
      // 413, 415, 429 and 503 come from the HTTP layer on every operation (test/api/openapi-truth.int-spec.ts).
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => [`${method} ${path}`, Object.keys(op.responses).filter((s) => !['413', '415', '429', '503'].includes(s)).sort()] as const));
    expect(Object.fromEntries(ops)).toEqual({
      'get /api/v1/rate-cards': ['200', '400', '401', '403', '404'],
      'post /api/v1/rate-cards': ['201', '400', '401', '403', '404', '409'],
      'get /api/v1/rate-cards/{id}': ['200', '400', '401', '403', '404'],
      'patch /api/v1/rate-cards/{id}': ['200', '400', '401', '403', '404', '409'],
      'delete /api/v1/rate-cards/{id}': ['204', '400', '401', '403', '404', '409'],
      'post /api/v1/rate-cards/{id}/prices': ['201', '400', '401', '403', '404', '409'],
      'get /api/v1/rate-cards/{id}/prices/{priceId}': ['200', '400', '401', '403', '404'],
      'patch /api/v1/rate-cards/{id}/prices/{priceId}': ['200', '400', '401', '403', '404', '409'],
      'delete /api/v1/rate-cards/{id}/prices/{priceId}': ['204', '400', '401', '403', '404'],
      'get /api/v1/clients/{id}/rate-card': ['200', '400', '401', '403', '404'],
      'put /api/v1/clients/{id}/rate-card': ['200', '400', '401', '403', '404', '409'],
      'delete /api/v1/clients/{id}/rate-card': ['204', '400', '401', '403', '404'],
    });
    expect(doc.components.schemas.PriceDto.properties.unitPrice).toMatchObject({ type: 'string', nullable: true });
  });
});
