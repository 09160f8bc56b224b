import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { correctionFromJson, correctionFromNdjson, CorrectionsService, queryInstant } from '@tally/metering';
import { Principal } from '@tally/tenancy';
import type { Request } from 'express';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import type { StreamedBody } from '../common/http/json-body';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { IngestionRateLimit } from '../common/rate-limit/rate-limit.decorator';
import { PageQueryDto, PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { CORRECTION_LIMITS, CorrectionChangeDto, CorrectionDetailDto, CorrectionDto, CorrectionErrorDto, CorrectionQueryDto, CreateCorrectionDto } from './corrections.dto';

const NDJSON = 'application/x-ndjson';
/** This route reads NDJSON bodies itself, streamed: the JSON body parser leaves them alone. */
export const CORRECTIONS_NDJSON: StreamedBody = { method: 'POST', path: '/api/v1/corrections', type: NDJSON };

/**
 * Corrections (design §7; docs/corrections.md): the one way to change closed periods. Admin and
 * billing keys only, reads included: a correction's reason and changes are the provider's
 * record and may span clients. A client sees on its own report which lines were corrected
 * and when (`corrections`, `correctedAt`).
 */
@ApiTags('corrections')
@ApiErrors()
@Controller('corrections')
export class CorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  /** `body` is unknown on purpose, as for pushes: the service checks every item itself. */
  @Post()
  @Roles('admin', 'billing')
  @IngestionRateLimit()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Correct samples, in closed or open periods',
    description:
      `Writes and deletes samples in one transaction: all or nothing, ${CORRECTION_LIMITS}. Every item is checked like a push ` +
      '(resource, catalog measurement, ts with an offset, value in the accepted range, one item per sample), and one bad item ' +
      'refuses the whole correction with 400 and an `errors` list naming each bad item. Send JSON `{ reason, samples, deletes }` ' +
      '(within the body limit, TALLY_BODY_LIMIT), or for backfills NDJSON (`Content-Type: application/x-ndjson`): a first line ' +
      '`{"reason": "…"}`, then one sample `{"resourceId", "measurement", "ts", "value"}` or delete `{"delete": {"resourceId", ' +
      '"measurement", "ts"}}` per line, items named by line number in errors. The correction is recorded with its reason, the key ' +
      'and request that applied it, and each sample\'s value before and after; reports mark every line it changed.',
  })
  @ApiConsumes('application/json', NDJSON)
  @ApiBody({ type: CreateCorrectionDto, description: `JSON as below, or NDJSON (${NDJSON}) as described above` })
  @ApiCreatedResponse({ type: CorrectionDto, description: 'Applied and recorded' })
  @ApiBadRequestResponse({ type: CorrectionErrorDto, description: 'A bad reason or item: nothing was changed; `errors` names each bad item' })
  @ApiPayloadTooLargeResponse({ type: ErrorDto, description: `More than ${CORRECTION_LIMITS}, or a body over its size limit: split the correction` })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorDto, description: `Content-Type is neither application/json nor ${NDJSON}, or the body is compressed` })
  async create(@CurrentPrincipal() who: Principal, @Req() req: Request & { id?: unknown }, @Body() body: unknown): Promise<CorrectionDto> {
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') throw new UnsupportedMediaTypeException(`Content-Encoding ${encoding} is not accepted; send the correction uncompressed`);
    const type = req.is(['application/json', NDJSON]);
    if (!type) throw new UnsupportedMediaTypeException(`Content-Type must be application/json or ${NDJSON}`);
    const input = type === NDJSON ? await correctionFromNdjson(req) : correctionFromJson(body);
    const actor = { apiKeyId: who.keyId, apiKeyName: who.keyName, apiKeyRole: who.role, requestId: String(req.id ?? '') };
    return CorrectionDto.of(await this.corrections.apply(actor, input));
  }

  @Get()
  @Roles('admin', 'billing')
  @ApiOperation({ summary: 'Corrections, newest first', description: 'Filters select corrections that changed samples matching all of them.' })
  @ApiOkResponse({ type: PageOf(CorrectionDto) })
  async list(@Query() query: CorrectionQueryDto) {
    const from = instant('from', query.from);
    const to = instant('to', query.to);
    if (from && to && to <= from) throw new BadRequestException('to must be later than from');
    const page = await this.corrections.list({ ...query, from, to });
    return { items: page.items.map(CorrectionDto.of), total: page.total };
  }

  @Get(':id')
  @Roles('admin', 'billing')
  @ApiOperation({ summary: 'One correction, with the samples it changed', description: 'limit and offset page the changes.' })
  @ApiOkResponse({ type: CorrectionDetailDto })
  async get(@Param('id', UuidPipe) id: string, @Query() page: PageQueryDto): Promise<CorrectionDetailDto> {
    const correction = await this.corrections.get(id);
    const changes = await this.corrections.changes(id, page);
    return { ...CorrectionDto.of(correction), changes: { items: changes.items.map(CorrectionChangeDto.of), total: changes.total } };
  }
}

function instant(name: string, text: string | undefined): Date | undefined {
  const ms = queryInstant(name, text);
  return ms === undefined ? undefined : new Date(ms);
}
