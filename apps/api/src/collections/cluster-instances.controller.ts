import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnassignedInstancesService } from '@tally/collectors';
import { ClustersService } from '@tally/inventory';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors } from '../common/api-errors';
import { PageQueryDto } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { GanetiInstanceDto, UnassignedInstancesDto } from './collections.dto';

@ApiTags('clusters')
@ApiErrors()
@Controller('clusters')
export class ClusterInstancesController {
  constructor(
    private readonly clusters: ClustersService,
    private readonly unassigned: UnassignedInstancesService,
  ) {}

  @Get(':id/unassigned')
  @Roles('admin', 'billing')
  @ApiOperation({ operationId: 'listUnassignedInstances',
    summary: 'Instances no resource claims',
    description: 'From the pre-cached RAPI answer: instances with no ganeti-vm resource of that name on this cluster, i.e. running but not billed.',
  })
  @ApiOkResponse({ type: UnassignedInstancesDto })
  async list(@Param('id', UuidPipe) id: string, @Query() page: PageQueryDto): Promise<UnassignedInstancesDto> {
    const cluster = await this.clusters.get(id);
    const result = await this.unassigned.list(cluster.fqdn, page);
    return { ...result, items: result.items.map(GanetiInstanceDto.of) };
  }
}
