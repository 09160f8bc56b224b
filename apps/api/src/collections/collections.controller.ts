import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CapacityService, CollectionRunsService, CollectionTriggerService, ScheduleStatusService } from '@tally/collectors';
import { AppConfig, InjectConfig } from '@tally/config';
import type { Response } from 'express';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors, ClosedPeriodErrorDto, ErrorDto } from '../common/api-errors';
import { PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { CapacityDto } from './capacity.dto';
import { CollectionQueryDto, CollectionRunDetailDto, CollectionRunDto, RunDetailQueryDto, RunOutcomeDto, ScheduleDto, TriggerCollectionDto } from './collections.dto';

const QUEUE_DOWN = 'The job queue (Redis) is unreachable: the run is recorded as queued but was not enqueued (the message says so); trigger again later';

/** Collection runs: trigger one now, see what every run did and why something failed. */
@ApiTags('collections')
@ApiErrors()
@Controller('collections')
export class CollectionsController {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly runs: CollectionRunsService,
    private readonly trigger: CollectionTriggerService,
    private readonly schedules: ScheduleStatusService,
    private readonly capacity: CapacityService,
  ) {}

  @Post()
  @Roles('admin', 'billing')
  @ApiOperation({
    operationId: 'triggerCollection',
    summary: 'Collect a slot now',
    description: 'Enqueues the collection of the current (or given) slot; the worker does it. With resourceIds, those resources are collected into the slot\'s run too, even when the slot was collected before they existed. '
      + 'A past slot is accepted only while it is open: its samples are stamped at its start, which closes one interval plus the pre-cache lead plus the late-push grace later.',
  })
  @ApiCreatedResponse({ type: CollectionRunDto, description: 'Triggered; poll GET /collections/{id} for progress' })
  @ApiOkResponse({ type: CollectionRunDto, description: 'The slot was already triggered: its existing run, nothing new enqueued' })
  @ApiConflictResponse({ type: ClosedPeriodErrorDto, description: 'The slot is closed: reports over it may be final; nothing was enqueued' })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: QUEUE_DOWN })
  async collect(@Body() body: TriggerCollectionDto, @Res({ passthrough: true }) res: Response) {
    const { run, created } = await this.trigger.collect(body.slot ? new Date(body.slot) : undefined, body.resourceIds);
    res.status(created ? 201 : 200);
    return CollectionRunDto.of(run);
  }

  @Post('precache')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ operationId: 'triggerPrecache', summary: 'Refresh the Ganeti cache now', description: 'For the next slot; a refresh already waiting absorbs this one.' })
  @ApiAcceptedResponse({ type: CollectionRunDto, description: 'The pre-cache run the refresh will update' })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: QUEUE_DOWN })
  async precache() {
    return CollectionRunDto.of(await this.trigger.precache());
  }

  @Get()
  @Roles('admin', 'billing')
  @ApiOperation({ operationId: 'listCollectionRuns' })
  @ApiOkResponse({ type: PageOf(CollectionRunDto), description: 'Newest slot first' })
  async list(@Query() query: CollectionQueryDto) {
    const page = await this.runs.list(query);
    return { items: page.items.map(CollectionRunDto.of), total: page.total };
  }

  // Declared before ':id' so the path is not read as an id.
  @Get('schedules')
  @Roles('admin', 'billing')
  @ApiOperation({
    operationId: 'listSchedules', summary: 'Recurring jobs',
    description: 'Whether each schedule is registered, when it fires next, its last run, and whether it is degraded (missing, wrong, or late) and why.',
  })
  @ApiOkResponse({ type: ScheduleDto, isArray: true })
  async listSchedules(): Promise<ScheduleDto[]> {
    return (await this.schedules.list()).map((s) => ({
      ...s, next: s.next?.toISOString() ?? null, lastRun: s.lastRun ? CollectionRunDto.of(s.lastRun) : null,
    }));
  }

  // Declared before ':id' too.
  @Get('capacity')
  @Roles('admin', 'billing')
  @ApiOperation({
    operationId: 'getCollectionCapacity', summary: 'How many hosts the worker can take',
    description: 'Hosts per source, time per host (p50/p95) and slot duration from recent runs, the projected maximum per slot of one worker under each limit at the current concurrency settings, and which limit binds.',
  })
  @ApiOkResponse({ type: CapacityDto })
  async getCapacity(): Promise<CapacityDto> {
    return this.capacity.report();
  }

  @Get(':id')
  @Roles('admin', 'billing')
  @ApiOperation({ operationId: 'getCollectionRun', summary: 'One run', description: 'State, counts, and each target\'s outcome (or only the failed ones: ?outcomes=errors; only some: ?target=…).' })
  @ApiOkResponse({ type: CollectionRunDetailDto })
  async get(@Param('id', UuidPipe) id: string, @Query() query: RunDetailQueryDto): Promise<CollectionRunDetailDto> {
    const run = await this.runs.get(id);
    const all = await this.runs.outcomes(run.id, { errorsOnly: query.outcomes === 'errors', targets: query.target });
    const names = run.kind === 'collect' ? await this.runs.resourceNames(all.map((o) => o.target)) : new Map();
    const outcomes: RunOutcomeDto[] = all.map((o) => ({
      target: o.target,
      targetType: run.kind === 'collect' ? 'resource' : 'cluster',
      ...(names.get(o.target) ?? {}),
      ok: o.ok,
      ...(o.reason ? { reason: o.reason } : {}),
      samples: o.samples ?? 0,
      at: o.at,
      ...(o.durationMs !== undefined ? { durationMs: o.durationMs } : {}),
    }));
    outcomes.sort((a, b) => Number(a.ok) - Number(b.ok) || (a.name ?? a.target).localeCompare(b.name ?? b.target));
    const retainedFrom = Date.now() - this.config.collection.outcomeRetentionDays * 86_400_000;
    const outcomesPruned = !!run.finishedAt && run.finishedAt.getTime() < retainedFrom && run.total > 0 && !all.length && !(await this.runs.hasOutcomes(run.id));
    return { ...CollectionRunDto.of(run), outcomes, outcomesPruned };
  }
}
