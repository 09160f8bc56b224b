import { Transform as CsvTransform } from '@json2csv/node';
import { conversion, decimalText, divideRounded } from '@tally/money';
import { CSV_FORMATTERS, CsvNumber, lineCharges, ReportHeader, ReportLine, ReportRow } from '@tally/reports';

/**
 * FOCUS 1.2 cost and usage columns (/work/shared/focus-1.2.md): the mandatory ones first, always
 * present, then the conditional ones that fit Tally, then our own (x_). One row per report line
 * and charge period (a day in the report's zone); the BilledCost of a line's rows adds up to the
 * line's amount in the JSON report.
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
const PRODUCER = 'Tally';
const QUANTITY_PLACES = 12;

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

function lineRecords(header: ReportHeader, line: ReportLine, periodStarts: readonly number[]): FocusRecord[] {
  const currency = line.currency ?? header.pricing?.currency ?? NO_CURRENCY;
  const toPriceUnit = line.priceUnit ? conversion(line.usageUnit, line.priceUnit) : undefined;
  return lineCharges(header, line, periodStarts).map((c) => {
    const consumed = decimalText(c.usage);
    const pricing = toPriceUnit ? decimalText(divideRounded(c.usage.times(toPriceUnit.num.toString()), toPriceUnit.den, QUANTITY_PLACES)) : consumed;
    const cost = n(c.amount ?? '0');
    const day = focusTime(c.start).slice(0, 10);
    return {
      BilledCost: cost, BillingAccountId: header.clientId, BillingAccountName: header.clientName, BillingCurrency: currency,
      BillingPeriodEnd: focusTime(header.to.getTime()), BillingPeriodStart: focusTime(header.from.getTime()), ChargeCategory: 'Usage', ChargeClass: undefined,
      ChargeDescription: `${consumed} ${line.usageUnit} of ${line.measurementKey} by ${line.resourceName} (project ${line.projectName}) from ${day}` +
        (c.amount === null ? `; ${line.pricing}` : ''),
      ChargePeriodEnd: focusTime(c.end), ChargePeriodStart: focusTime(c.start), ContractedCost: cost, EffectiveCost: cost,
      InvoiceIssuerName: PRODUCER, ListCost: cost, PricingQuantity: n(pricing), PricingUnit: line.priceUnit ?? line.usageUnit,
      ProviderName: PRODUCER, PublisherName: PRODUCER, ServiceCategory: serviceCategory(line.measurementKey), ServiceName: serviceName(line.resourceType),
      ChargeFrequency: 'Usage-Based', ConsumedQuantity: n(consumed), ConsumedUnit: line.usageUnit,
      ContractedUnitPrice: line.unitPrice === null ? undefined : n(line.unitPrice), ListUnitPrice: line.unitPrice === null ? undefined : n(line.unitPrice),
      PricingCategory: line.amount === null ? undefined : 'Standard', ResourceId: line.resourceId, ResourceName: line.resourceName, ResourceType: line.resourceType,
      SkuId: line.measurementKey, SkuMeter: line.measurementKey, SubAccountId: line.projectId, SubAccountName: line.projectName, Tags: JSON.stringify(line.labels),
      x_BillingReference: header.clientBillingRef ?? undefined, x_SampleCount: line.samples, x_Coverage: line.coverage ?? undefined,
      x_Corrections: line.corrections, x_ReportStatus: header.status, x_SubAccountBillingReference: line.projectBillingRef ?? undefined,
    };
  });
}

/** The FOCUS rows of the report's lines; totals are not rows in FOCUS (finance tools sum). */
export async function* focusRecords(header: ReportHeader, rows: AsyncIterable<ReportRow>, periodStarts: readonly number[]): AsyncGenerator<FocusRecord> {
  for await (const row of rows) if (row.rowType === 'line') yield* lineRecords(header, row.line, periodStarts);
}

export function focusTransform(): CsvTransform<FocusRecord, FocusRecord> {
  return new CsvTransform<FocusRecord, FocusRecord>(
    { fields: [...FOCUS_COLUMNS], eol: '\r\n', withBOM: true, formatters: CSV_FORMATTERS },
    {},
    { objectMode: true },
  );
}
