import { Transform as CsvTransform } from '@json2csv/node';
import { CSV_FORMATTERS, CsvNumber, lineCharges, ReportHeader, ReportLine, ReportRow } from '@tally/reports';

/**
 * FOCUS 1.2 cost and usage columns (/work/shared/focus-1.2.md): the mandatory ones first, always
 * present, then the conditional ones that fit Tally, then our own (x_). One Usage row per report
 * line, charge period (a day in the report's zone) and rate (tiers and price changes give several),
 * each with cost = unit price × pricing quantity as FOCUS requires, and one Adjustment row per
 * line for its rounding, so a line's rows add up to its amount in the JSON report exactly.
 */
export const FOCUS_COLUMNS = [
  'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodEnd', 'BillingPeriodStart', 'ChargeCategory', 'ChargeClass',
  'ChargeDescription', 'ChargePeriodEnd', 'ChargePeriodStart', 'ContractedCost', 'EffectiveCost', 'InvoiceIssuerName', 'ListCost', 'PricingQuantity',
  'PricingUnit', 'ProviderName', 'PublisherName', 'ServiceCategory', 'ServiceName',
  'ChargeFrequency', 'ConsumedQuantity', 'ConsumedUnit', 'ContractedUnitPrice', 'ListUnitPrice', 'PricingCategory', 'ResourceId', 'ResourceName',
  'ResourceType', 'SkuId', 'SkuMeter', 'SubAccountId', 'SubAccountName', 'Tags',
  'x_BillingReference', 'x_SampleCount', 'x_Coverage', 'x_Corrections', 'x_ReportStatus', 'x_SubAccountBillingReference',
] as const;

export type FocusRecord = Partial<Record<(typeof FOCUS_COLUMNS)[number], string | number | CsvNumber | undefined>>;

/** ISO 4217's code for "no currency involved": FOCUS wants a currency even where nothing is priced. */
export const NO_CURRENCY = 'XXX';

const focusTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const n = (text: string) => new CsvNumber(text);

function serviceCategory(key: string): string {
  if (/(^|\.)disk/.test(key)) return 'Storage';
  if (/^net\./.test(key)) return 'Networking';
  return 'Compute';
}

function serviceName(resourceType: string): string {
  return resourceType === 'ganeti-vm' ? 'Virtual Machines' : resourceType === 'node' ? 'Servers' : resourceType;
}

function lineRecords(header: ReportHeader, line: ReportLine, periodStarts: readonly number[], issuer: string): FocusRecord[] {
  const currency = line.currency ?? header.pricing?.currency ?? NO_CURRENCY;
  const { charges, rounding } = lineCharges(header, line, periodStarts);
  const item: FocusRecord = {
    BillingAccountId: header.clientId, BillingAccountName: header.clientName, BillingCurrency: currency,
    BillingPeriodEnd: focusTime(header.to.getTime()), BillingPeriodStart: focusTime(header.from.getTime()), ChargeClass: undefined,
    InvoiceIssuerName: issuer, ProviderName: issuer, PublisherName: issuer,
    ServiceCategory: serviceCategory(line.measurementKey), ServiceName: serviceName(line.resourceType),
    ResourceId: line.resourceId, ResourceName: line.resourceName, ResourceType: line.resourceType,
    SkuId: line.measurementKey, SkuMeter: line.measurementKey, SubAccountId: line.projectId, SubAccountName: line.projectName, Tags: JSON.stringify(line.labels),
    x_BillingReference: header.clientBillingRef ?? undefined, x_SampleCount: line.samples, x_Coverage: line.coverage ?? undefined,
    x_Corrections: line.corrections, x_ReportStatus: header.status, x_SubAccountBillingReference: line.projectBillingRef ?? undefined,
  };
  const what = `${line.measurementKey} of ${line.resourceName} (project ${line.projectName})`;
  const records: FocusRecord[] = charges.map((c) => {
    const cost = n(c.cost);
    const rate = c.priced ? ` at ${c.unitPrice} per ${c.unit}` : `; ${line.pricing}`;
    return {
      ...item, BilledCost: cost, ContractedCost: cost, EffectiveCost: cost, ListCost: cost, ChargeCategory: 'Usage', ChargeFrequency: 'Usage-Based',
      ChargeDescription: `${c.consumed} ${line.usageUnit} of ${what} from ${focusTime(c.start)}${rate}`,
      ChargePeriodStart: focusTime(c.start), ChargePeriodEnd: focusTime(c.end),
      PricingQuantity: n(c.quantity), PricingUnit: c.unit, ListUnitPrice: n(c.unitPrice), ContractedUnitPrice: n(c.unitPrice),
      PricingCategory: 'Standard', ConsumedQuantity: n(c.consumed), ConsumedUnit: line.usageUnit,
    };
  });
  if (rounding !== null && rounding !== '0') {
    // The rounding rule of design §11 (once per line, half-even) as a charge of its own, so each usage row keeps cost = price × quantity.
    const cost = n(rounding);
    records.push({
      ...item, BilledCost: cost, ContractedCost: cost, EffectiveCost: cost, ListCost: cost, ChargeCategory: 'Adjustment', ChargeFrequency: 'Usage-Based',
      ChargeDescription: `Rounding of ${what} to ${line.amount} ${currency} for the billing period (once per line, half-even)`,
      ChargePeriodStart: focusTime(header.from.getTime()), ChargePeriodEnd: focusTime(header.to.getTime()),
    });
  }
  return records;
}

/** The FOCUS rows of the report's lines; totals are not rows in FOCUS (finance tools sum). */
export async function* focusRecords(header: ReportHeader, rows: AsyncIterable<ReportRow>, periodStarts: readonly number[], issuer: string): AsyncGenerator<FocusRecord> {
  for await (const row of rows) if (row.rowType === 'line') yield* lineRecords(header, row.line, periodStarts, issuer);
}

export function focusTransform(): CsvTransform<FocusRecord, FocusRecord> {
  return new CsvTransform<FocusRecord, FocusRecord>(
    { fields: [...FOCUS_COLUMNS], eol: '\r\n', withBOM: true, formatters: CSV_FORMATTERS },
    {},
    { objectMode: true },
  );
}
