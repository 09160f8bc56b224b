import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ClientsService, Principal } from '@tally/tenancy';
import { DailyUsageService, parseReportWindow } from '@tally/reports';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { UuidPipe } from '../common/uuid.pipe';
import { DailyUsageDto, DailyUsageQueryDto } from './daily-usage.dto';

@ApiTags('reports')
@ApiErrors()
@Controller()
export class DailyUsageController {
  constructor(
    private readonly clients: ClientsService,
    private readonly daily: DailyUsageService,
  ) {}

  @Get('clients/:id/usage/daily')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({
    operationId: 'getClientDailyUsage',
    summary: "A client's usage per day, per project, resource and measurement (the billing page's chart)",
    description:
      "Each day (midnight to midnight in tz) is the client's report over that day, so the figures equal the report's. " +
      'At most 93 days. A client key may only read its own client (others answer 404). docs/reports.md.',
  })
  @ApiOkResponse({ type: DailyUsageDto })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'Every report connection stayed in use, or a day\'s report query ran past the time limit' })
  async usage(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Query() query: DailyUsageQueryDto): Promise<DailyUsageDto> {
    const window = parseReportWindow(query);
    await this.clients.get(who, id); // out-of-tenant clients answer 404, like missing ones
    const result = await this.daily.daily(id, window, query.measurement);
    return {
      client: { id: result.clientId, name: result.clientName, billingRef: result.clientBillingRef },
      window: { from: window.from.toISOString(), to: window.to.toISOString(), tz: window.tz },
      days: result.days.map((d) => ({ date: d.date, from: d.from.toISOString(), to: d.to.toISOString() })),
      series: result.series,
    };
  }
}
