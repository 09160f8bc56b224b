import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeysService, Principal } from '@tally/tenancy';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors } from '../common/api-errors';
import { PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { ApiKeyDto, ApiKeyQueryDto, CreateApiKeyDto, CreatedApiKeyDto } from './tenancy.dto';

@ApiTags('api-keys')
@ApiErrors()
@Controller('api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The key is in this response only; Tally keeps just its hash' })
  async create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { entity, key } = await this.apiKeys.create(body);
    return { ...ApiKeyDto.of(entity), key };
  }

  @Get()
  @ApiOkResponse({ type: PageOf(ApiKeyDto) })
  async list(@Query() query: ApiKeyQueryDto) {
    const page = await this.apiKeys.list(query);
    return { items: page.items.map(ApiKeyDto.of), total: page.total };
  }

  @Delete(':id')
  @ApiOkResponse({ type: ApiKeyDto, description: 'Revoked (the record stays, for the audit trail)' })
  async revoke(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    return ApiKeyDto.of(await this.apiKeys.revoke(id, who));
  }
}
