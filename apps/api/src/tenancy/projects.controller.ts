import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Principal, ProjectsService } from '@tally/tenancy';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors } from '../common/api-errors';
import { PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateProjectDto, ProjectDto, ProjectQueryDto, UpdateProjectDto } from './tenancy.dto';

@ApiTags('projects')
@ApiErrors()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'listProjects' })
  @ApiOkResponse({ type: PageOf(ProjectDto) })
  async list(@CurrentPrincipal() who: Principal, @Query() query: ProjectQueryDto) {
    const page = await this.projects.list(who, query);
    return { items: page.items.map(ProjectDto.of), total: page.total };
  }

  @Get(':id')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'getProject' })
  @ApiOkResponse({ type: ProjectDto })
  async get(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    return ProjectDto.of(await this.projects.get(who, id));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ operationId: 'createProject' })
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiConflictResponse({ description: 'The client already has a project with this name' })
  async create(@Body() body: CreateProjectDto) {
    return ProjectDto.of(await this.projects.create(body));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateProject' })
  @ApiOkResponse({ type: ProjectDto })
  async update(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateProjectDto) {
    return ProjectDto.of(await this.projects.update(who, id, body));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteProject' })
  @ApiNoContentResponse({ description: 'Deleted with its resources (none had samples)' })
  @ApiConflictResponse({ description: 'It has samples: deactivate it instead' })
  async remove(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    await this.projects.remove(who, id);
  }
}
