import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { BackoffStore } from '@tally/collectors';
import { ResourcesService } from '@tally/inventory';
import { Principal } from '@tally/tenancy';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { ResourceDetailDto } from './resource-collection.dto';
import { CreateResourceDto, ResourceDto, ResourceQueryDto, UpdateResourceDto } from './resources.dto';

@ApiTags('resources')
@ApiErrors()
@Controller('resources')
export class ResourcesController {
  constructor(
    private readonly resources: ResourcesService,
    private readonly backoff: BackoffStore,
  ) {}

  @Get()
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'listResources' })
  @ApiOkResponse({ type: PageOf(ResourceDto), description: "A client key sees only its own client's resources" })
  async list(@CurrentPrincipal() who: Principal, @Query() query: ResourceQueryDto) {
    const page = await this.resources.list(who, query);
    return { items: page.items.map(ResourceDto.of), total: page.total };
  }

  @Get(':id')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'getResource' })
  @ApiOkResponse({ type: ResourceDetailDto })
  async get(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string): Promise<ResourceDetailDto> {
    const resource = ResourceDto.of(await this.resources.get(who, id));
    // Only nodes are polled host by host (and backed off); a VM's cluster is the pre-cache's.
    // Soft state in Redis: while Redis is unreachable the resource is still shown, its collection state unknown (null).
    const collection = resource.type === 'node' ? await this.backoff.status(id).catch(() => null) : null;
    return { ...resource, collection };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ operationId: 'createResource' })
  @ApiCreatedResponse({ type: ResourceDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The project has a resource with this name, or the Ganeti instance is already tracked' })
  async create(@Body() body: CreateResourceDto) {
    return ResourceDto.of(await this.resources.create(body));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateResource' })
  @ApiOkResponse({ type: ResourceDto, description: 'measurements, when given, replaces the whole set' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The name is taken in the project, or the Ganeti instance is already tracked' })
  async update(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateResourceDto) {
    return ResourceDto.of(await this.resources.update(who, id, body));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteResource' })
  @ApiNoContentResponse({ description: 'Deleted (it had no samples)' })
  @ApiConflictResponse({ type: ErrorDto, description: 'It has samples: deactivate it instead' })
  async remove(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    await this.resources.remove(who, id);
  }
}
