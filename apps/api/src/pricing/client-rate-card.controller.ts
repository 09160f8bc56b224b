import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { RateCardAssignmentsService } from '@tally/pricing';
import { Principal } from '@tally/tenancy';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { UuidPipe } from '../common/uuid.pipe';
import { AssignRateCardDto, RateCardAssignmentDto } from './rate-cards.dto';

@ApiTags('rate-cards')
@ApiErrors()
@Controller('clients/:id/rate-card')
export class ClientRateCardController {
  constructor(private readonly assignments: RateCardAssignmentsService) {}

  @Get()
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'getClientRateCard' })
  @ApiOkResponse({ type: RateCardAssignmentDto, description: "The client's card and its overrides; 404 when it has none. A client key sees only its own" })
  async get(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    return RateCardAssignmentDto.of(await this.assignments.get(who, id));
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ operationId: 'assignClientRateCard' })
  @ApiOkResponse({ type: RateCardAssignmentDto, description: 'Assigns the card and replaces all overrides with those given (none when absent), in one transaction' })
  @ApiConflictResponse({ type: ErrorDto, description: 'Two overrides of one measurement overlap in time' })
  async assign(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Body() body: AssignRateCardDto) {
    return RateCardAssignmentDto.of(await this.assignments.assign(who, id, body));
  }

  @Delete()
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ operationId: 'unassignClientRateCard' })
  @ApiNoContentResponse({ description: "The client's usage is no longer priced; its overrides are deleted with the assignment" })
  async unassign(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    await this.assignments.unassign(who, id);
  }
}
