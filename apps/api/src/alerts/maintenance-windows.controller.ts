import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MaintenanceService } from '@tally/alerts';
import { Principal } from '@tally/tenancy';
import { ApiErrors } from '../common/api-errors';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import {
  CreateMaintenanceWindowDto, MaintenanceWindowDto, MaintenanceWindowQueryDto, ResourceNotificationsDto, ResourceNotificationsStateDto, UpdateMaintenanceWindowDto,
} from './maintenance.dto';

/** Admin only: a window or a muted resource changes what everyone is told. */
@ApiTags('alerts')
@ApiErrors()
@Controller()
export class MaintenanceWindowsController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Get('maintenance-windows')
  @Roles('admin')
  @ApiOperation({ operationId: 'listMaintenanceWindows' })
  @ApiOkResponse({ type: PageOf(MaintenanceWindowDto), description: 'By start' })
  list(@Query() query: MaintenanceWindowQueryDto) {
    return this.maintenance.list({ limit: query.limit, offset: query.offset, activeAt: query.activeAt ? new Date(query.activeAt) : undefined });
  }

  @Get('maintenance-windows/:id')
  @Roles('admin')
  @ApiOperation({ operationId: 'getMaintenanceWindow' })
  @ApiOkResponse({ type: MaintenanceWindowDto })
  get(@Param('id', UuidPipe) id: string) {
    return this.maintenance.get(id);
  }

  @Post('maintenance-windows')
  @Roles('admin')
  @ApiOperation({ operationId: 'createMaintenanceWindow', description: 'One-off (startsAt to endsAt) or recurring (daily or weekly at startTime for durationMinutes, in timeZone). Holds notifications, never evaluation' })
  @ApiCreatedResponse({ type: MaintenanceWindowDto })
  create(@CurrentPrincipal() who: Principal, @Body() body: CreateMaintenanceWindowDto) {
    return this.maintenance.create(who, body);
  }

  @Patch('maintenance-windows/:id')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateMaintenanceWindow' })
  @ApiOkResponse({ type: MaintenanceWindowDto })
  update(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateMaintenanceWindowDto) {
    return this.maintenance.update(who, id, body);
  }

  @Delete('maintenance-windows/:id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteMaintenanceWindow' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    await this.maintenance.remove(who, id);
  }

  @Get('resources/:id/alert-notifications')
  @Roles('admin')
  @ApiOperation({ operationId: 'getResourceAlertNotifications' })
  @ApiOkResponse({ type: ResourceNotificationsStateDto })
  notifications(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    return this.maintenance.notifications(who, id);
  }

  @Put('resources/:id/alert-notifications')
  @Roles('admin')
  @ApiOperation({ operationId: 'setResourceAlertNotifications', description: 'Turns alert notifications about one resource off or on; evaluation goes on. Recorded as alert.resource_notifications' })
  @ApiOkResponse({ type: ResourceNotificationsStateDto })
  setNotifications(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Body() body: ResourceNotificationsDto) {
    return this.maintenance.setNotifications(who, id, body.enabled, body.reason ?? '');
  }
}
