import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { BackoffStore } from '@tally/collectors';
import { ClustersService } from '@tally/inventory';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { ClusterDetailDto } from './resource-collection.dto';
import { ClusterDto, ClusterQueryDto, CreateClusterDto, UpdateClusterDto } from './clusters.dto';

/** Ganeti clusters are the provider's infrastructure: billing may read them, client keys may not. */
@ApiTags('clusters')
@ApiErrors()
@Controller('clusters')
export class ClustersController {
  constructor(
    private readonly clusters: ClustersService,
    private readonly backoff: BackoffStore,
  ) {}

  @Get()
  @Roles('admin', 'billing')
  @ApiOperation({ operationId: 'listClusters' })
  @ApiOkResponse({ type: PageOf(ClusterDto) })
  async list(@Query() query: ClusterQueryDto) {
    const page = await this.clusters.list(query);
    return { items: page.items.map(ClusterDto.of), total: page.total };
  }

  @Get(':id')
  @Roles('admin', 'billing')
  @ApiOperation({ operationId: 'getCluster' })
  @ApiOkResponse({ type: ClusterDetailDto })
  async get(@Param('id', UuidPipe) id: string): Promise<ClusterDetailDto> {
    const cluster = ClusterDto.of(await this.clusters.get(id));
    // How its scheduled pre-cache fetches go (backoff); unknown (null) while Redis is unreachable.
    const collection = await this.backoff.status(BackoffStore.clusterSubject(cluster.fqdn)).catch(() => null);
    return { ...cluster, collection };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ operationId: 'createCluster' })
  @ApiCreatedResponse({ type: ClusterDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'A cluster with this FQDN exists' })
  async create(@Body() body: CreateClusterDto) {
    return ClusterDto.of(await this.clusters.create(body));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateCluster' })
  @ApiOkResponse({ type: ClusterDto })
  async update(@Param('id', UuidPipe) id: string, @Body() body: UpdateClusterDto) {
    return ClusterDto.of(await this.clusters.update(id, body));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteCluster' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ type: ErrorDto, description: 'Active ganeti-vm resources still name this cluster: deactivate them first' })
  async remove(@Param('id', UuidPipe) id: string) {
    await this.clusters.remove(id);
  }
}
