import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { AlertTrigger } from '@tally/alerts';
import { SamplesService } from '@tally/metering';
import { Principal } from '@tally/tenancy';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles, RolesOrScope } from '../common/auth/roles.decorator';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { PageOf } from '../common/pagination.dto';
import { IngestionRateLimit } from '../common/rate-limit/rate-limit.decorator';
import { UuidPipe } from '../common/uuid.pipe';
import { PushSamplesDto, PushSamplesResultDto, SampleBatchErrorDto, SampleClosedPeriodErrorDto, SampleDto, SampleQueryDto } from './metering.dto';

@ApiTags('samples')
@ApiErrors()
@Controller()
export class SamplesController {
  constructor(
    private readonly samples: SamplesService,
    private readonly alerts: AlertTrigger,
  ) {}

  /**
   * `body` is typed unknown on purpose: the global ValidationPipe skips it, and the service's
   * hand-written validator checks all items at once (class-validator would be slow at 10,000).
   */
  @Post('samples')
  @RolesOrScope(['admin'], ['samples:write'])
  @IngestionRateLimit()
  @HttpCode(200)
  @ApiOperation({ operationId: 'pushSamples',
    summary: 'Push samples (1 to 10,000 per request)',
    description:
      'All or nothing: every item is checked first, and one bad item (unknown or invisible resource, unknown measurement, ' +
      'a value that is not a number in the accepted range, timestamp without offset or out of range, a second item with the same ' +
      'resourceId, measurement and ts) rejects the batch with 400 and an `errors` list naming each bad item. A batch without such ' +
      'errors but with samples in a closed period (stamped before now − interval − pre-cache lead − late-push grace, where reports ' +
      'may already be final) is refused with 409, naming the boundary (`closedBefore`) and each such item: change closed data ' +
      'with POST /api/v1/corrections. 400 takes precedence over 409. A stored sample is replaced by a resent one, ' +
      'so retrying a batch never double-counts; hence 200, not 201.',
  })
  @ApiBody({ type: PushSamplesDto })
  @ApiOkResponse({
    type: PushSamplesResultDto,
    description:
      'All samples stored in one transaction, as upserts on (resourceId, measurement, ts): resending a batch stores it once. ' +
      'Admin keys may push to any resource; client keys need scope samples:write and may push only to their own resources and only measurements of source push.',
  })
  @ApiBadRequestResponse({ type: SampleBatchErrorDto, description: 'At least one bad item: nothing was stored; `errors` names each bad item by index and field' })
  @ApiConflictResponse({ type: SampleClosedPeriodErrorDto, description: 'Every item is valid, but some fall in a closed period: nothing was stored; send them as a correction' })
  @ApiPayloadTooLargeResponse({ type: ErrorDto, description: 'More than 10,000 samples, or a body over the size limit (TALLY_BODY_LIMIT): split the batch' })
  async push(@CurrentPrincipal() who: Principal, @Body() body: unknown): Promise<PushSamplesResultDto> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new BadRequestException('The body must be a JSON object { samples: [...] }');
    }
    const extra = Object.keys(body).filter((k) => k !== 'samples');
    if (extra.length) throw new BadRequestException(`${extra[0]} is not allowed; the body is { samples: [...] }`);
    const items = (body as { samples?: unknown }).samples;
    const result = await this.samples.ingest(who, items);
    // Committed and valid by now; queued, never awaited: alerts cannot slow or fail a push.
    this.alerts.samplesPushed(items as { resourceId: string; ts: string }[]);
    return result;
  }

  @Get('resources/:id/samples')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'listResourceSamples' })
  @ApiOkResponse({ type: PageOf(SampleDto), description: 'Samples with from ≤ ts < to, ordered by ts, then measurement key' })
  async list(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Query() query: SampleQueryDto) {
    const page = await this.samples.list(who, id, query);
    return { items: page.items.map(SampleDto.of), total: page.total };
  }
}
