import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEASUREMENT_KINDS, MeasurementKind } from '@tally/database';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export const REPORT_FORMATS = ['csv', 'json', 'xlsx', 'focus', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

// The window rules (dates vs timestamps, zone, 3-year limit) live in parseReportWindow, which
// names the parameter in its 400; here only the shape of the query string is checked.
export class ReportQueryDto {
  @ApiPropertyOptional({
    example: '2026-10-01',
    description: 'Window start (inclusive): a date YYYY-MM-DD (midnight in tz) or an ISO 8601 timestamp with Z or an offset. Default: to − 30 days',
  })
  @IsOptional() @IsString() @Length(1, 64)
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'Window end (exclusive), same formats as from. Default: now. At most 3 years after from',
  })
  @IsOptional() @IsString() @Length(1, 64)
  to?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', default: 'UTC', description: 'IANA time zone the dates are read in' })
  @IsOptional() @IsString() @Length(1, 64)
  tz?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'Wins over the Accept header (application/json, text/csv, the XLSX type, application/pdf); default json. focus: FOCUS 1.2 CSV, one row per line and day; pdf: a printable statement (docs/reports.md)' })
  @IsOptional() @IsIn(REPORT_FORMATS as unknown as string[], { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;
}

export class ReportClientDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Acme Research Lab' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'CUST-0042', description: "The client's reference in the invoicing system" }) billingRef: string | null;
}

export class ReportWindowDto {
  @ApiProperty({ format: 'date-time', description: 'Inclusive, UTC' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive, UTC' }) to: string;
  @ApiProperty({ example: 'Europe/Berlin', description: 'Zone the window dates were given in' }) tz: string;
}

export class ReportMeasurementDto {
  @ApiProperty({ example: 'ganeti.vcpus' }) key: string;
  @ApiProperty({ enum: MEASUREMENT_KINDS }) kind: MeasurementKind;
  @ApiProperty({ example: 'vCPU', description: 'Unit of the raw samples; may be empty' }) unit: string;
  @ApiProperty({ example: 1440, description: 'Samples with from ≤ ts < to' }) samples: number;
  @ApiProperty({ example: 1440, description: 'Collection slots starting in [from, min(to, generatedAt))' }) expected: number;
  @ApiProperty({ example: 1, nullable: true, type: Number, description: 'samples ÷ expected; null when nothing was expected' }) coverage: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null without samples' }) min: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null without samples' }) max: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean of the samples (not time-weighted); null without samples' }) avg: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Latest sample in the window; null without samples' }) last: number | null;
  @ApiProperty({ example: 2880, description: 'Gauge: value × hours held; counter: sum of increases. 0 without samples' }) usage: number;
  @ApiProperty({ example: 'vCPU·h', description: '<unit>·h for gauges, <unit> for counters' }) usageUnit: string;
  @ApiProperty({
    example: 0,
    description: 'Corrections (POST /api/v1/corrections) that changed this series in the window, or for a counter also its baseline before the window; 0 for none',
  })
  corrections: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the latest of those corrections was applied; null for none' })
  correctedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: '0.04', description: 'Decimal text: the one rate behind amount, per priceUnit; null when tiers, a price change or no price mean there is none' })
  unitPrice: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'vCPU·h' }) priceUnit: string | null;
  @ApiProperty({
    nullable: true, type: String, example: '64.80',
    description: 'Decimal text with the currency\'s minor digits: usage × price exactly, rounded once half-even (docs/pricing.md); null when no price covers the line (never "0" for that; pricing says why)',
  })
  amount: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'EUR', description: "The rate card's ISO 4217 currency; null when the client has none" }) currency: string | null;
  @ApiProperty({ example: '1440 vCPU·h × 0.04', description: 'How the amount came about, or why there is none ("not priced: …")' }) pricing: string;
  @ApiProperty({ example: '723.094', description: "Decimal text: usage in displayUnit, rounded half-even to the measurement's display places; usage keeps the exact value" })
  displayUsage: string;
  @ApiProperty({ example: 'GiB·h' }) displayUnit: string;
}

export class ReportResourceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'web-1.example.org' }) name: string;
  @ApiProperty({ example: 'ganeti-vm' }) type: string;
  @ApiProperty({ description: 'false for a deactivated resource that still has samples in the window' }) active: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { env: 'prod' }, description: 'Resource labels' }) labels: Record<string, string>;
  @ApiProperty({ type: ReportMeasurementDto, isArray: true, description: 'Ordered by key' }) measurements: ReportMeasurementDto[];
}

export class ReportTotalDto {
  @ApiProperty({ example: 'ganeti.vcpus' }) key: string;
  @ApiProperty({ enum: MEASUREMENT_KINDS }) kind: MeasurementKind;
  @ApiProperty({ example: 'vCPU·h', description: 'Usages are only summed within one unit' }) usageUnit: string;
  @ApiProperty({ example: 5760 }) usage: number;
  @ApiProperty({ example: 2880 }) samples: number;
  @ApiProperty({ example: 2880 }) expected: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Σ samples ÷ Σ expected; null when nothing was expected' }) coverage: number | null;
  @ApiProperty({ example: 2, description: 'How many resources were summed' }) resources: number;
  @ApiProperty({ nullable: true, type: String, example: '64.80', description: 'Σ of the rounded line amounts; null when no line has one' }) amount: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'EUR' }) currency: string | null;
}

export class ReportLocalWindowDto {
  @ApiProperty({ example: '2026-10-01T00:00:00+02:00', description: 'Window start as wall-clock time in tz, with its offset' }) from: string;
  @ApiProperty({ example: '2026-11-01T00:00:00+01:00', description: 'Window end (exclusive) in tz' }) to: string;
}

export class ReportProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'genomics-pipeline' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'PO-2026-117', description: "The project's reference in the invoicing system" }) billingRef: string | null;
  @ApiProperty({ type: ReportResourceDto, isArray: true, description: 'Ordered by name' }) resources: ReportResourceDto[];
  @ApiProperty({ type: ReportTotalDto, isArray: true, description: 'Subtotals of this project per measurement' }) totals: ReportTotalDto[];
  @ApiProperty({ nullable: true, type: String, example: '79.79', description: "Σ of the project's rounded line amounts; null when none has one" }) amount: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'EUR' }) currency: string | null;
}

export class ReportDto {
  @ApiProperty({ type: ReportClientDto }) client: ReportClientDto;
  @ApiProperty({ type: ReportWindowDto }) window: ReportWindowDto;
  @ApiProperty({ example: 30, description: 'Collection interval the expected slots and gauge hold times use' }) intervalMinutes: number;
  @ApiProperty({ format: 'date-time', description: 'When the report was computed; "now" for expected slots' }) generatedAt: string;
  @ApiProperty({
    enum: ['provisional', 'final'],
    description: 'provisional: the window ended less than one interval plus the pre-cache lead ago, or the read replica the report came from ' +
      'was further behind the primary than TALLY_REPLICA_MAX_LAG_SECONDS, so numbers may still change',
  })
  status: 'provisional' | 'final';
  @ApiProperty({
    type: Number, nullable: true, example: 0.4,
    description: 'Seconds the read replica (DATABASE_READ_URL) was behind the primary when the report began; null when reports read the primary',
  })
  replicaLagSeconds: number | null;
  @ApiProperty({ type: ReportProjectDto, isArray: true, description: 'Ordered by name' }) projects: ReportProjectDto[];
  @ApiProperty({ type: ReportTotalDto, isArray: true, description: 'Totals of the whole client per measurement' }) totals: ReportTotalDto[];
  @ApiProperty({ nullable: true, type: String, example: '79.79', description: "Σ of the client's rounded line amounts: what the statement totals; null when none has one" }) amount: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'EUR' }) currency: string | null;
  @ApiProperty({ type: ReportLocalWindowDto, description: 'The window in tz' }) windowLocal: ReportLocalWindowDto;
}
