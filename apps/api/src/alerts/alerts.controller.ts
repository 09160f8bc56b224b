import { BadRequestException, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertStatusService, IncidentsService } from '@tally/alerts';
import { Principal } from '@tally/tenancy';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { PageOf } from '../common/pagination.dto';
import { AlertDto, AlertQueryDto, StatusDto } from './alerts.dto';

/** Incidents are numbered (the ack link says "incident N"): a path id is a positive whole number. */
const incidentId = () => new ParseIntPipe({ exceptionFactory: () => new BadRequestException('id must be an incident number (a positive whole number)') });

@ApiTags('alerts')
@ApiErrors()
@Controller()
export class AlertsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly status: AlertStatusService,
  ) {}

  @Get('alerts')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'listAlerts' })
  @ApiOkResponse({ type: PageOf(AlertDto), description: "Incidents, newest first. A client key sees its own client's" })
  list(@CurrentPrincipal() who: Principal, @Query() query: AlertQueryDto) {
    return this.incidents.list(who, query);
  }

  @Get('alerts/:id')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'getAlert' })
  @ApiOkResponse({ type: AlertDto })
  get(@CurrentPrincipal() who: Principal, @Param('id', incidentId()) id: number) {
    return this.incidents.get(who, id);
  }

  @Post('alerts/:id/acknowledge')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ operationId: 'acknowledgeAlert', description: 'Stops re-notification; the incident stays open until it recovers. Recorded as alert.acknowledged' })
  @ApiOkResponse({ type: AlertDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Recovered already, or acknowledged already (the message says by whom)' })
  acknowledge(@CurrentPrincipal() who: Principal, @Param('id', incidentId()) id: number) {
    return this.incidents.acknowledge(who, id, who.keyName);
  }

  @Get('alert-status')
  @Roles('admin')
  @ApiOperation({ operationId: 'getAlertStatus', description: 'What the status page shows: every node and cluster, its state, last poll and open incidents' })
  @ApiOkResponse({ type: StatusDto })
  overview() {
    return this.status.overview();
  }
}
