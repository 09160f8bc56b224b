import Big from 'big.js';
import * as ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, TestApi } from '../support/api-app';
import { seedReportClient, SeededClient, uniq, WINDOW } from '../support/factories';
import { csvRecords } from '../support/csv';

const q = (extra = '') => `from=${encodeURIComponent(WINDOW.from)}&to=${encodeURIComponent(WINDOW.to)}${extra}`;

/**
 * The seeded client (test/support/factories/report-seed.ts) priced with a change mid-hold:
 * ganeti.vcpus 0.04 until 00:45, 0.05 after; net.rx 0.001 per byte until 01:00, 0.002 after.
 * By hand:
 *   alpha/vm-1    vcpus 2 held 00:00–02:00: 1.5 vCPU·h before 00:45, 2.5 after → 0.06 + 0.125 = 0.185 → 0.18 (half-even)
 *                 net.rx 60 + 200 before 01:00, 50 (reset) + 100 after → 0.26 + 0.30 = 0.56
 *   alpha/@old-vm vcpus 4 held 00:00–01:00: 3 before 00:45, 1 after → 0.12 + 0.05 = 0.17; load.1m not priced
 *   beta/-db-1    vcpus 1 held 00:00–00:30: 0.5 → 0.02
 *   alpha 0.91, beta 0.02, client 0.93 EUR (sums of rounded lines).
 */
describe('report amounts through the report endpoint', () => {
  let api: TestApi;
  let seeded: SeededClient;
  beforeAll(async () => {
    api = await startApi();
    seeded = await seedReportClient(api, 'Priced Lab');
    const admin = api.as(api.adminKey);
    const card = (await admin.post('/api/v1/rate-cards').send({ name: uniq('card'), currency: 'EUR' }).expect(201)).body;
    const price = (body: object) => admin.post(`/api/v1/rate-cards/${card.id}/prices`).send(body).expect(201);
    await price({ measurement: 'ganeti.vcpus', unitPrice: '0.04', priceUnit: 'vCPU·h', effectiveTo: '2026-10-01T00:45:00Z' });
    await price({ measurement: 'ganeti.vcpus', unitPrice: '0.05', priceUnit: 'vCPU·h', effectiveFrom: '2026-10-01T00:45:00Z' });
    await price({ measurement: 'net.rx', unitPrice: '0.001', priceUnit: 'byte', effectiveTo: '2026-10-01T01:00:00Z' });
    await price({ measurement: 'net.rx', unitPrice: '0.002', priceUnit: 'byte', effectiveFrom: '2026-10-01T01:00:00Z' });
    await admin.put(`/api/v1/clients/${seeded.client.id}/rate-card`).send({ rateCardId: card.id }).expect(200);
    await api.db.query(`UPDATE clients SET billing_ref = 'CUST-0042' WHERE id = $1`, [seeded.client.id]);
    expect((await admin.patch(`/api/v1/projects/${seeded.projects.alpha}`).send({ billingRef: 'PO-7' }).expect(200)).body).toMatchObject({ billingRef: 'PO-7' });
    await api.db.query(`UPDATE resources SET labels = '{"env":"prod"}' WHERE id = $1`, [seeded.resources.vm1]);
  });
  afterAll(() => api.close());

  const url = (extra = '') => `/api/v1/clients/${seeded.client.id}/report?${q(extra)}`;

  it('prices each line exactly, split at the price change, with money subtotals and totals in JSON', async () => {
    const body = (await api.as(seeded.clientKey).get(url()).expect(200)).body;
    const [alpha, beta] = body.projects;
    const [oldVm, vm1] = alpha.resources;
    expect(body.client).toMatchObject({ id: seeded.client.id, billingRef: 'CUST-0042' });
    expect(vm1.labels).toEqual({ env: 'prod' });
    expect([alpha.billingRef, beta.billingRef]).toEqual(['PO-7', null]);
    expect(vm1.measurements.map((m: { key: string; amount: string; currency: string }) => [m.key, m.amount, m.currency])).toEqual([
      ['ganeti.vcpus', '0.18', 'EUR'], ['net.rx', '0.56', 'EUR'],
    ]);
    expect(vm1.measurements[0]).toMatchObject({ usage: 4, unitPrice: null, priceUnit: 'vCPU·h', displayUsage: '4.000', displayUnit: 'vCPU·h' });
    expect(vm1.measurements[0].pricing).toBe('2026-10-01T00:00:00Z–2026-10-01T00:45:00Z: 1.5 vCPU·h × 0.04; 2026-10-01T00:45:00Z–2026-10-01T02:00:00Z: 2.5 vCPU·h × 0.05');
    expect(oldVm.measurements.map((m: { amount: string | null }) => m.amount)).toEqual(['0.17', null]);
    expect(oldVm.measurements[1].pricing).toMatch(/^not priced: rate card ".*" has no price for load.1m$/);
    expect(beta.resources[0].measurements[0]).toMatchObject({ amount: '0.02', unitPrice: '0.04', priceUnit: 'vCPU·h' });
    expect(alpha).toMatchObject({ amount: '0.91', currency: 'EUR' });
    expect(alpha.totals.find((t: { key: string }) => t.key === 'ganeti.vcpus')).toMatchObject({ amount: '0.35', currency: 'EUR', usage: 8 });
    expect(alpha.totals.find((t: { key: string }) => t.key === 'load.1m')).toMatchObject({ amount: null });
    expect(beta).toMatchObject({ amount: '0.02', currency: 'EUR' });
    expect(body).toMatchObject({ amount: '0.93', currency: 'EUR', windowLocal: { from: '2026-10-01T00:00:00+00:00', to: '2026-10-01T02:00:00+00:00' } });
    // The split changes no usage figure: the same numbers as the unpriced report tests pin.
    expect(body.totals.find((t: { key: string }) => t.key === 'ganeti.vcpus')).toMatchObject({ usage: 8.5, samples: 7, expected: 12, amount: '0.37' });
  });

  it('writes the same amounts into the CSV, line by line, as bare numbers, with amount rows', async () => {
    const json = (await api.as(api.adminKey).get(url()).expect(200)).body;
    const res = await api.as(api.adminKey).get(url('&format=csv&tz=Europe/Zurich')).buffer(true).parse(textParser).expect(200);
    const rows = csvRecords(res.body);
    const jsonLines = json.projects.flatMap((p: { resources: { id: string; measurements: { key: string; amount: string | null }[] }[] }) =>
      p.resources.flatMap((r) => r.measurements.map((m) => [r.id, m.key, m.amount ?? ''])));
    expect(rows.filter((r) => r.row_type === 'line').map((r) => [r.resource_id, r.measurement, r.amount])).toEqual(jsonLines);
    expect(rows.filter((r) => r.row_type.endsWith('_amount')).map((r) => [r.row_type, r.project, r.amount, r.currency])).toEqual([
      ['project_amount', 'alpha', '0.91', 'EUR'], ['project_amount', 'beta', '0.02', 'EUR'], ['client_amount', '', '0.93', 'EUR'],
    ]);
    expect(rows[0]).toMatchObject({ client_id: seeded.client.id, client_billing_ref: 'CUST-0042', window_from_utc: '2026-10-01 00:00:00', window_to_utc: '2026-10-01 02:00:00' });
    expect(res.body).toMatch(/,0\.93,"EUR",/);
    expect(rows.filter((r) => r.row_type === 'line').map((r) => [r.project, r.project_billing_ref])).toEqual(
      rows.filter((r) => r.row_type === 'line').map((r) => [r.project, r.project === 'alpha' ? 'PO-7' : '']));
  });

  type JsonLine = { resource: string; key: string; amount: string | null; usage: number; samples: number };
  async function jsonLines(): Promise<{ body: { amount: string }; lines: JsonLine[] }> {
    const body = (await api.as(api.adminKey).get(url()).expect(200)).body;
    const lines = body.projects.flatMap((p: { resources: { id: string; measurements: { key: string; amount: string | null; usage: number; samples: number }[] }[] }) =>
      p.resources.flatMap((r) => r.measurements.map((m) => ({ resource: r.id, key: m.key, amount: m.amount, usage: m.usage, samples: m.samples }))));
    return { body, lines };
  }

  it('answers XLSX with typed cells, a frozen header, a lines and a totals sheet that match the JSON', async () => {
    const { body, lines } = await jsonLines();
    const res = await api.as(seeded.clientKey).get(url('&format=xlsx&tz=Europe/Zurich')).buffer(true).parse(binaryParser).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="tally-priced-lab-c-[0-9a-f]{8}-2026-10-01_2026-10-01\.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const sheet = wb.getWorksheet('Lines')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const head = (sheet.getRow(1).values as string[]).slice(1);
    const col = (name: string) => head.indexOf(name) + 1;
    const rows = [];
    for (let i = 2; i <= sheet.rowCount; i++) rows.push(sheet.getRow(i));
    expect(rows.map((r) => ({ resource: r.getCell(col('Resource id')).value, key: r.getCell(col('Measurement')).value, amount: r.getCell(col('Amount')).value, usage: r.getCell(col('Usage')).value, samples: r.getCell(col('Samples')).value })))
      .toEqual(lines.map((l) => ({ ...l, amount: l.amount === null ? null : Number(l.amount) })));
    expect(rows[0].getCell(col('Amount')).numFmt).toBe('#,##0.00');
    expect(rows[0].getCell(col('Window from (UTC)')).value).toEqual(new Date('2026-10-01T00:00:00Z'));
    expect(rows[0].getCell(col('Window from (Europe/Zurich)')).value).toEqual(new Date('2026-10-01T02:00:00Z'));
    expect(rows[0].getCell(col('Resource')).value).toBe("'@old-vm"); // text neutralised like the CSV
    const totals = wb.getWorksheet('Totals')!;
    const last = totals.getRow(totals.rowCount);
    expect([last.getCell(1).value, last.getCell(9).value, last.getCell(10).value]).toEqual(['client_amount', Number(body.amount), 'EUR']);
  });

  it('answers FOCUS 1.2 CSV: mandatory columns, a usage row per line, day and rate with cost = price × quantity, a rounding row, adding up to the JSON amounts', async () => {
    const { body, lines } = await jsonLines();
    // Cape Verde is UTC−1, so its midnight falls at 01:00Z, inside the window: each line becomes two charge periods.
    const res = await api.as(api.adminKey).get(url('&format=focus&tz=Atlantic/Cape_Verde')).buffer(true).parse(textParser).expect(200);
    expect(res.headers['content-disposition']).toMatch(/-focus\.csv"$/);
    const rows = csvRecords(res.body);
    const mandatory = ['BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodStart', 'BillingPeriodEnd', 'ChargeCategory', 'ChargeClass',
      'ChargeDescription', 'ChargePeriodStart', 'ChargePeriodEnd', 'ContractedCost', 'EffectiveCost', 'InvoiceIssuerName', 'ListCost', 'PricingQuantity', 'PricingUnit',
      'ProviderName', 'PublisherName', 'ServiceCategory', 'ServiceName'];
    for (const c of mandatory) expect(Object.keys(rows[0])).toContain(c);
    for (const r of rows) {
      expect(r).toMatchObject({ BillingAccountId: seeded.client.id, BillingCurrency: 'EUR', ChargeClass: '', InvoiceIssuerName: 'Tally', ProviderName: 'Tally', BillingPeriodStart: '2026-10-01T00:00:00Z', BillingPeriodEnd: '2026-10-01T02:00:00Z' });
      for (const c of ['BilledCost', 'ContractedCost', 'EffectiveCost', 'ListCost']) expect(r[c]).toMatch(/^-?\d+(\.\d+)?$/);
      expect(['Compute', 'Networking', 'Storage']).toContain(r.ServiceCategory);
      expect(['Usage', 'Adjustment']).toContain(r.ChargeCategory);
      if (r.ChargeCategory !== 'Usage') continue;
      // FOCUS: on a usage row every price is set and cost = unit price × pricing quantity, exactly.
      expect([['2026-10-01T00:00:00Z', '2026-10-01T01:00:00Z'], ['2026-10-01T01:00:00Z', '2026-10-01T02:00:00Z']]).toContainEqual([r.ChargePeriodStart, r.ChargePeriodEnd]);
      expect(new Big(r.ContractedUnitPrice).times(r.PricingQuantity).eq(r.ContractedCost)).toBe(true);
      expect(new Big(r.ListUnitPrice).times(r.PricingQuantity).eq(r.ListCost)).toBe(true);
      expect(r.PricingUnit).not.toBe('');
    }
    const cents = (s: string) => new Big(s);
    for (const l of lines) {
      const mine = rows.filter((r) => r.ResourceId === l.resource && r.SkuMeter === l.key);
      // Each line has a usage row on each of its two days; its rows, its rounding included, add up to its amount.
      expect(new Set(mine.filter((r) => r.ChargeCategory === 'Usage').map((r) => r.ChargePeriodStart)).size).toBe(2);
      expect(mine.reduce((s, r) => s.plus(cents(r.BilledCost)), new Big(0)).eq(l.amount ?? '0')).toBe(true);
      expect(mine.reduce((s, r) => s + Number(r.ConsumedQuantity || 0), 0)).toBeCloseTo(l.usage, 9);
    }
    expect(rows.reduce((s, r) => s.plus(cents(r.BilledCost)), new Big(0)).eq(body.amount)).toBe(true);
    const rx = rows.filter((r) => r.ResourceId === seeded.resources.vm1 && r.SkuMeter === 'net.rx').map((r) => [r.ChargeCategory, r.ConsumedQuantity, r.ContractedUnitPrice, r.BilledCost]);
    expect(rx).toEqual([['Usage', '260', '0.001', '0.26'], ['Usage', '150', '0.002', '0.3']]);
    // vm-1's vCPUs: 1.5 × 0.04 + 0.5 × 0.05 on the first day, 2 × 0.05 on the second = 0.185, billed 0.18: a rounding row of −0.005.
    const vcpus = rows.filter((r) => r.ResourceId === seeded.resources.vm1 && r.SkuMeter === 'ganeti.vcpus').map((r) => [r.ChargeCategory, r.PricingQuantity, r.BilledCost]);
    expect(vcpus).toEqual([['Usage', '1.5', '0.06'], ['Usage', '0.5', '0.025'], ['Usage', '2', '0.1'], ['Adjustment', '', '-0.005']]);
  });

  it('answers a PDF statement whose text (pdftotext) shows every line, the project amounts and the total of the JSON', async () => {
    const { body } = (await jsonLines()) as unknown as { body: { projects: unknown[]; totals: { samples: number; expected: number }[] } };
    const res = await api.as(seeded.clientKey).get(url('&format=pdf&tz=Europe/Zurich')).buffer(true).parse(binaryParser).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'tally-pdf-'));
    let text: string;
    try {
      writeFileSync(join(dir, 's.pdf'), res.body);
      text = execFileSync('pdftotext', ['-layout', join(dir, 's.pdf'), '-'], { encoding: 'utf8' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const textLines = text.split('\n');
    expect(text).toContain(`Client: ${seeded.client.name}`);
    expect(text).toContain('Billing reference: CUST-0042');
    expect(text).toContain('Issued by: Tally'); // TALLY_ORGANISATION_NAME's default
    expect(text).toContain('Period: 2026-10-01 02:00 +02:00 to 2026-10-01 04:00 +02:00 (Europe/Zurich, end exclusive)');
    for (const p of body.projects as { name: string; amount: string; resources: { name: string; measurements: { key: string; amount: string | null; displayUsage: string }[] }[] }[]) {
      for (const r of p.resources) {
        for (const m of r.measurements) {
          const found = textLines.find((l) => l.includes(r.name) && l.includes(m.key));
          expect([r.name, m.key, found && found.includes(m.displayUsage) && found.trimEnd().endsWith(m.amount ?? 'not priced')]).toEqual([r.name, m.key, true]);
        }
      }
      expect(textLines.find((l) => l.includes(`Project ${p.name}`) && l.trimEnd().endsWith(p.amount))).toBeDefined();
    }
    expect(textLines.find((l) => /^\s*Total\s+EUR\s+0\.93\s*$/.test(l))).toBeDefined();
    const samples = body.totals.reduce((n: number, t: { samples: number }) => n + t.samples, 0);
    const expected = body.totals.reduce((n: number, t: { expected: number }) => n + t.expected, 0);
    expect([samples, expected]).toEqual([12, 20]);
    expect(text).toContain('Coverage: 12 of 20 expected samples (60.0 %).');
    expect(text).toContain('Corrections: none in this period.');
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function binaryParser(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function textParser(res: any, done: (err: Error | null, body: string) => void) {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (c: string) => (text += c));
  res.on('end', () => done(null, text));
}
