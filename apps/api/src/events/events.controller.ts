import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventLogQuery, HookRegistry } from '@tally/events';
import { Principal, tenantOf } from '@tally/tenancy';
import { ApiErrors } from '../common/api-errors';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { AuditQueryDto, EventPageDto, EventQueryDto, HookListDto } from './events.dto';

const instant = (text?: string) => (text === undefined ? undefined : new Date(text));

@ApiTags('events')
@ApiErrors()
@Controller()
export class EventsController {
  constructor(
    private readonly log: EventLogQuery,
    private readonly hooks: HookRegistry,
  ) {}

  @Get('events')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({
    operationId: 'listEvents',
    summary: 'The event stream: every change and notable happening (docs/events.md)',
    description: "A client key sees its own client's events only. Follow `nextCursor` with `after` to read the stream in order without gaps.",
  })
  @ApiOkResponse({ type: EventPageDto })
  list(@CurrentPrincipal() who: Principal, @Query() q: EventQueryDto) {
    return this.log.list({
      limit: q.limit, offset: q.offset, tenant: tenantOf(who), type: q.type, clientId: q.clientId,
      subjectType: q.subjectType, subjectId: q.subjectId, from: instant(q.from), to: instant(q.to), after: q.after,
    });
  }

  @Get('audit')
  @Roles('admin', 'billing')
  @ApiOperation({
    operationId: 'listAuditEntries',
    summary: 'The audit log: who changed what, when and from where, before and after',
    description: 'The events made through the API, newest first. Append-only: nothing can alter an entry. Secrets show only that they changed.',
  })
  @ApiOkResponse({ type: EventPageDto })
  audit(@Query() q: AuditQueryDto) {
    return this.log.list({
      limit: q.limit, offset: q.offset, audited: true, subjectType: q.entity, subjectId: q.id, actorKeyId: q.actor,
      from: instant(q.from), to: instant(q.to),
    });
  }

  @Get('hooks')
  @Roles('admin')
  @ApiOperation({ operationId: 'listHooks', summary: 'The hooks this installation runs (TALLY_HOOKS), before-hooks first' })
  @ApiOkResponse({ type: HookListDto })
  listHooks(): HookListDto {
    const items = this.hooks.describe();
    return { items, total: items.length };
  }
}
