import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventLogQuery } from './event-log.query';
import { EventsService } from './events.service';
import { HookRegistry } from './hooks/hook-registry';
import { EventRelay } from './relay/event-relay.service';

/**
 * Writing and reading the event log; both apps import it. The hook registry runs in both
 * (before-hooks in the API, after-hooks in the worker); the relay only when the app also
 * imports EventRelayModule.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [HookRegistry, EventsService, EventLogQuery],
  exports: [HookRegistry, EventsService, EventLogQuery],
})
export class EventsModule {}

/** The worker's part: feeds the log to the after-hooks. */
@Module({ imports: [EventsModule], providers: [EventRelay], exports: [EventRelay] })
export class EventRelayModule {}
