import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, tenantOf } from '@tally/tenancy';
import { parseReportWindow, ReportSummaryService } from '@tally/reports';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors } from '../common/api-errors';
import { ReportSummaryDto, ReportSummaryQueryDto } from './report-summary.dto';

@ApiTags('reports')
@ApiErrors()
@Controller()
export class ReportSummaryController {
  constructor(private readonly summaries: ReportSummaryService) {}

  @Get('reports/summary')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({
    operationId: 'getReportSummary',
    summary: 'Every client at a glance: resources, coverage and collection status for a window, in one query',
    description:
      "Coverage equals the client's report totals (Σ samples ÷ Σ expected) for the same window. A client key gets only its own client. docs/reports.md.",
  })
  @ApiOkResponse({ type: ReportSummaryDto })
  async summary(@CurrentPrincipal() who: Principal, @Query() query: ReportSummaryQueryDto): Promise<ReportSummaryDto> {
    const window = parseReportWindow(query);
    const result = await this.summaries.summary({ clientId: tenantOf(who), window });
    return {
      window: { from: window.from.toISOString(), to: window.to.toISOString(), tz: window.tz },
      generatedAt: result.generatedAt.toISOString(),
      expectedPerLine: result.expectedPerLine,
      clients: result.clients,
    };
  }
}
