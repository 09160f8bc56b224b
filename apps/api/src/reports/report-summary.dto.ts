import { ApiProperty } from '@nestjs/swagger';
import { SUMMARY_STATUSES, SummaryStatus } from '@tally/reports';
import { IsOptional, IsString, Length } from 'class-validator';
import { ReportWindowDto } from './report.dto';

// Same window parameters and rules as the report (parseReportWindow names the field in its 400).
export class ReportSummaryQueryDto {
  @ApiProperty({ required: false, example: '2026-11-24', description: 'Window start (inclusive), as for the report. Default: to − 30 days' })
  @IsOptional() @IsString() @Length(1, 64)
  from?: string;

  @ApiProperty({ required: false, example: '2026-12-01', description: 'Window end (exclusive), as for the report. Default: now' })
  @IsOptional() @IsString() @Length(1, 64)
  to?: string;

  @ApiProperty({ required: false, example: 'Europe/Berlin', default: 'UTC', description: 'IANA time zone the dates are read in' })
  @IsOptional() @IsString() @Length(1, 64)
  tz?: string;
}

export class SummaryResourcesDto {
  @ApiProperty({ example: 3, description: 'Active resources the collector reads (ganeti-vm, node)' }) collected: number;
  @ApiProperty({ example: 1, description: 'Active push-only resources (any other type)' }) pushed: number;
  @ApiProperty({ example: 0, description: 'Deactivated resources' }) inactive: number;
  @ApiProperty({ example: 3, description: 'Active collected resources with an ok outcome in the latest collection run' }) collectedOk: number;
}

export class ClientSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Acme Research Lab' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'CUST-0042' }) billingRef: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: SummaryResourcesDto }) resources: SummaryResourcesDto;
  @ApiProperty({ example: 16, description: "Lines of the client's report for this window" }) lines: number;
  @ApiProperty({ example: 5376, description: 'Σ samples over those lines' }) samples: number;
  @ApiProperty({ example: 5376, description: 'Σ expected over those lines' }) expected: number;
  @ApiProperty({ nullable: true, type: Number, example: 1, description: 'samples ÷ expected, exactly as the report totals; null when nothing was expected' })
  coverage: number | null;
  @ApiProperty({
    enum: SUMMARY_STATUSES,
    description:
      'ok: every active collected resource was collected in the latest run; partial: some were; failed: none were; ' +
      'pushed: only push-only resources (nothing to collect); none: no active resources, or no collection yet',
  })
  status: SummaryStatus;
}

export class ReportSummaryDto {
  @ApiProperty({ type: ReportWindowDto }) window: ReportWindowDto;
  @ApiProperty({ format: 'date-time', description: '"now" for expected slots, as in the report' }) generatedAt: string;
  @ApiProperty({ example: 336, description: 'Slots expected for each report line in this window' }) expectedPerLine: number;
  @ApiProperty({ type: ClientSummaryDto, isArray: true, description: 'Every client the key may see, ordered by name' }) clients: ClientSummaryDto[];
}
