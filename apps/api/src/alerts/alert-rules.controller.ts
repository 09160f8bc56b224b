import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertRulesService } from '@tally/alerts';
import { Principal } from '@tally/tenancy';
import { ApiErrors } from '../common/api-errors';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { PageOf, PageQueryDto } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { AlertRuleDto, CreateAlertRuleDto, UpdateAlertRuleDto } from './alert-rules.dto';

@ApiTags('alerts')
@ApiErrors()
@Controller('alert-rules')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Get()
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'listAlertRules' })
  @ApiOkResponse({ type: PageOf(AlertRuleDto), description: "By name. A client key sees the rules scoped to its own client, its projects or resources (not installation-wide ones)" })
  list(@CurrentPrincipal() who: Principal, @Query() query: PageQueryDto) {
    return this.rules.list(who, query);
  }

  @Get(':id')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'getAlertRule' })
  @ApiOkResponse({ type: AlertRuleDto })
  get(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    return this.rules.get(who, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ operationId: 'createAlertRule', description: 'One measurement over a scope with warn/crit thresholds (or a budget); recorded as alert_rule.created' })
  @ApiCreatedResponse({ type: AlertRuleDto })
  create(@CurrentPrincipal() who: Principal, @Body() body: CreateAlertRuleDto) {
    return this.rules.create(who, body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateAlertRule' })
  @ApiOkResponse({ type: AlertRuleDto })
  update(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateAlertRuleDto) {
    return this.rules.update(who, id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteAlertRule' })
  @ApiNoContentResponse({ description: 'Deleted with its series and incidents; their events stay in the log' })
  async remove(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    await this.rules.remove(who, id);
  }
}
