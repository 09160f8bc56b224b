import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { ReportClientDto, ReportWindowDto } from './report.dto';
import { ReportSummaryQueryDto } from './report-summary.dto';

export class DailyUsageQueryDto extends ReportSummaryQueryDto {
  @ApiProperty({ required: false, example: 'ganeti.vcpus', description: 'Only this measurement key; default every measurement' })
  @IsOptional() @IsString() @Length(1, 100) @Matches(/^[a-z0-9][a-z0-9._-]*$/, { message: 'measurement must be a measurement key such as ganeti.vcpus' })
  measurement?: string;
}

export class UsageDayDto {
  @ApiProperty({ example: '2026-11-24', description: 'Calendar date in tz' }) date: string;
  @ApiProperty({ format: 'date-time', description: 'Inclusive, UTC' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive, UTC (the next midnight in tz, or the window end)' }) to: string;
}

export class DailySeriesDto {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ example: 'genomics' }) projectName: string;
  @ApiProperty({ format: 'uuid' }) resourceId: string;
  @ApiProperty({ example: 'vm-1' }) resourceName: string;
  @ApiProperty({ example: 'ganeti.vcpus' }) measurementKey: string;
  @ApiProperty({ example: 'vCPU·h' }) usageUnit: string;
  @ApiProperty({ type: Number, isArray: true, example: [48, 48, 12], description: "One figure per day (as days): that day's report usage, 0 for none" })
  usage: number[];
}

export class DailyUsageDto {
  @ApiProperty({ type: ReportClientDto }) client: ReportClientDto;
  @ApiProperty({ type: ReportWindowDto }) window: ReportWindowDto;
  @ApiProperty({ type: UsageDayDto, isArray: true }) days: UsageDayDto[];
  @ApiProperty({ type: DailySeriesDto, isArray: true, description: 'Ordered by project, resource and measurement' }) series: DailySeriesDto[];
}
