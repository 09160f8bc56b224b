import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ClientsService, Principal } from '@tally/tenancy';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors } from '../common/api-errors';
import { PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { ClientDto, ClientQueryDto, CreateClientDto, UpdateClientDto } from './tenancy.dto';

@ApiTags('clients')
@ApiErrors()
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'listClients' })
  @ApiOkResponse({ type: PageOf(ClientDto), description: 'A client key sees only its own client' })
  async list(@CurrentPrincipal() who: Principal, @Query() query: ClientQueryDto) {
    const page = await this.clients.list(who, query);
    return { items: page.items.map(ClientDto.of), total: page.total };
  }

  @Get(':id')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'getClient' })
  @ApiOkResponse({ type: ClientDto })
  async get(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    return ClientDto.of(await this.clients.get(who, id));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ operationId: 'createClient' })
  @ApiCreatedResponse({ type: ClientDto })
  @ApiConflictResponse({ description: 'The name is taken' })
  async create(@Body() body: CreateClientDto) {
    return ClientDto.of(await this.clients.create(body));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateClient' })
  @ApiOkResponse({ type: ClientDto })
  async update(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateClientDto) {
    return ClientDto.of(await this.clients.update(who, id, body));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteClient' })
  @ApiNoContentResponse({ description: 'Deleted with its projects and resources (none had samples)' })
  @ApiConflictResponse({ description: 'It has samples: deactivate it instead' })
  async remove(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    await this.clients.remove(who, id);
  }
}
