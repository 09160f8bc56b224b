import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeysService, Principal } from '@tally/tenancy';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { ApiKeyDto, ApiKeyQueryDto, CreateApiKeyDto, CreatedApiKeyDto, RotateApiKeyDto, ROTATION_OVERLAP } from './tenancy.dto';

@ApiTags('api-keys')
@ApiErrors()
@Controller('api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  // The answer holds a secret: no cache may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'createApiKey' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The key is in this response only; Tally keeps just its hash' })
  async create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { entity, key } = await this.apiKeys.create({ ...body, expiresAt: body.expiresAt ? new Date(body.expiresAt) : null });
    return { ...ApiKeyDto.of(entity), key };
  }

  @Get()
  @ApiOperation({ operationId: 'listApiKeys' })
  @ApiOkResponse({ type: PageOf(ApiKeyDto) })
  async list(@Query() query: ApiKeyQueryDto) {
    const page = await this.apiKeys.list(query);
    return { items: page.items.map(ApiKeyDto.of), total: page.total };
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'rotateApiKey',
    summary: 'Issue a new secret for a key',
    description:
      'The key keeps its id, role, rights and expiry. The replaced secret keeps working until `previousKeyExpiresAt` ' +
      `(overlapSeconds after now, default ${ROTATION_OVERLAP.defaultSeconds}), then answers 401; rotating again ends that overlap at once.`,
  })
  @ApiOkResponse({ type: CreatedApiKeyDto, description: 'The new secret is in this response only; `previousKeyExpiresAt` says until when the old one works' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The key is revoked or expired; create a new one' })
  async rotate(@Param('id', UuidPipe) id: string, @Body() body: RotateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { entity, key } = await this.apiKeys.rotate(id, body.overlapSeconds ?? ROTATION_OVERLAP.defaultSeconds);
    return { ...ApiKeyDto.of(entity), key };
  }

  @Delete(':id')
  @ApiOperation({ operationId: 'revokeApiKey' })
  @ApiOkResponse({ type: ApiKeyDto, description: 'Revoked (the record stays, for the audit trail)' })
  async revoke(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    return ApiKeyDto.of(await this.apiKeys.revoke(id, who));
  }
}
