/**
 * ISO 4217 currencies in use, with their minor units (decimal places of the smallest unit an
 * amount is rounded to). Fund codes (CHE, CLF, USN, …) and metals (XAU, …) are left out:
 * nobody is invoiced in them. Every code not listed is refused.
 */
const ZERO_DECIMALS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF';
const THREE_DECIMALS = 'BHD IQD JOD KWD LYD OMR TND';
const TWO_DECIMALS =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
  'GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD ' +
  'MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP ' +
  'PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS ' +
  'TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';

const MINOR_UNITS: ReadonlyMap<string, number> = new Map([
  ...ZERO_DECIMALS.split(' ').map((c) => [c, 0] as const),
  ...TWO_DECIMALS.split(' ').map((c) => [c, 2] as const),
  ...THREE_DECIMALS.split(' ').map((c) => [c, 3] as const),
]);

export const CURRENCY_CODES: readonly string[] = [...MINOR_UNITS.keys()].sort();

/** Decimal places of the currency's minor unit (EUR 2, JPY 0, KWD 3), or undefined for an unknown code. */
export function minorUnits(code: string): number | undefined {
  return MINOR_UNITS.get(code);
}

/** Why a currency code is refused, for a message that starts with the field name; undefined when it is fine. */
export function currencyProblem(code: unknown): string | undefined {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) return 'must be an ISO 4217 code of three upper-case letters, e.g. EUR';
  if (!MINOR_UNITS.has(code)) return `must be an ISO 4217 currency in use; ${code} is not one`;
  return undefined;
}

export function requireMinorUnits(code: string): number {
  const minor = MINOR_UNITS.get(code);
  if (minor === undefined) throw new RangeError(`unknown currency ${code}`);
  return minor;
}
