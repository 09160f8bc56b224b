import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { CredentialsService } from '@tally/inventory';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateCredentialDto, CredentialDto, CredentialQueryDto, UpdateCredentialDto } from './credentials.dto';

const NO_KEY = { type: ErrorDto, description: 'The server has no encryption key configured (TALLY_SECRET_KEYS); nothing was stored' };

/** Secrets for SSH and RAPI. Write-only: no endpoint returns a secret; only the worker decrypts them. */
@ApiTags('credentials')
@ApiErrors()
@Controller('credentials')
@Roles('admin')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get()
  @ApiOperation({ operationId: 'listCredentials' })
  @ApiOkResponse({ type: PageOf(CredentialDto) })
  async list(@Query() query: CredentialQueryDto) {
    const page = await this.credentials.list(query);
    return { items: page.items.map(CredentialDto.of), total: page.total };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCredential' })
  @ApiOkResponse({ type: CredentialDto })
  async get(@Param('id', UuidPipe) id: string) {
    return CredentialDto.of(await this.credentials.get(id));
  }

  @Post()
  @ApiOperation({ operationId: 'createCredential' })
  @ApiCreatedResponse({ type: CredentialDto, description: 'Stored encrypted; the response has no secret' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The name is taken' })
  @ApiServiceUnavailableResponse(NO_KEY)
  async create(@Body() body: CreateCredentialDto) {
    return CredentialDto.of(await this.credentials.create(body));
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateCredential' })
  @ApiOkResponse({ type: CredentialDto, description: 'A new secret replaces the old one and is sealed with the active key version' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The name is taken' })
  @ApiServiceUnavailableResponse(NO_KEY)
  async update(@Param('id', UuidPipe) id: string, @Body() body: UpdateCredentialDto) {
    return CredentialDto.of(await this.credentials.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteCredential' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ type: ErrorDto, description: 'A cluster or resource still uses it' })
  async remove(@Param('id', UuidPipe) id: string) {
    await this.credentials.remove(id);
  }
}
