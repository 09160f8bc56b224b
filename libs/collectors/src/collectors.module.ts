import { Module } from '@nestjs/common';
import { DatabaseHealth, DatabaseModule } from '@tally/database';
import { EventsModule } from '@tally/events';
import { InventoryModule } from '@tally/inventory';
import { JobsModule } from '@tally/jobs';
import { MeteringModule } from '@tally/metering';
import { BackoffStore } from './backoff';
import { CapacityService } from './capacity';
import { CollectionMetrics, PrecacheAges } from './collection-metrics';
import { MetricsModule } from '@tally/metrics';
import { CollectionRunsService } from './collection-runs.service';
import { CollectionTriggerService } from './collection-trigger.service';
import { CollectionService } from './collection.service';
import { CredentialCache } from './credential-cache';
import { GanetiCacheStore } from './ganeti-cache.store';
import { GanetiPrecacheService } from './ganeti-precache.service';
import { ScheduleStatusService } from './schedule-status.service';
import { COLLECT_PLUGINS, CollectPlugin } from './plugins/collect-plugin';
import { GanetiPlugin } from './plugins/ganeti.plugin';
import { PluginRegistry } from './plugins/plugin-registry';
import { ReadingsWriter } from './readings-writer';
import { ReadingsHandOff } from './pipeline/readings-hand-off';
import { ReadingsSpool } from './pipeline/readings-spool';
import { SpoolMetrics } from './pipeline/spool-metrics';
import { RecoveryWatch } from './pipeline/recovery-watch';
import { RunEvents } from './run-events';
import { OutageLog } from './runs/outage-log';
import { SlotLedgerRepository } from './runs/slot-ledger.repository';
import { SlotLedgerService } from './runs/slot-ledger.service';
import { SshPlugin } from './plugins/ssh.plugin';
import { UnassignedInstancesService } from './unassigned-instances.service';

/** The one place measurement sources are registered; PluginRegistry checks them at boot. */
const PLUGINS = [GanetiPlugin, SshPlugin];

/** Runs, triggers and the Ganeti cache's read side: what the API needs (no plugins, no secrets). */
@Module({
  imports: [DatabaseModule, InventoryModule, JobsModule, EventsModule, MetricsModule],
  providers: [
    RunEvents, CollectionRunsService, GanetiCacheStore, CollectionTriggerService, UnassignedInstancesService, ScheduleStatusService,
    SlotLedgerRepository, SlotLedgerService, OutageLog, BackoffStore, CapacityService,
  ],
  exports: [BackoffStore, CapacityService, CollectionRunsService, GanetiCacheStore, CollectionTriggerService, UnassignedInstancesService, ScheduleStatusService, SlotLedgerService, OutageLog],
})
export class CollectionRunsModule {}

/** Pre-cache, polling and persisting: the worker's side. */
@Module({
  imports: [DatabaseModule, InventoryModule, MeteringModule, JobsModule, CollectionRunsModule],
  providers: [
    ...PLUGINS,
    { provide: COLLECT_PLUGINS, inject: PLUGINS, useFactory: (...plugins: CollectPlugin[]) => plugins },
    PluginRegistry,
    CredentialCache,
    CollectionMetrics,
    PrecacheAges,
    GanetiPrecacheService,
    CollectionService,
    ReadingsWriter,
    // The spool and the recovery watch (libs/collectors/src/pipeline); the probe is their own.
    DatabaseHealth,
    ReadingsSpool,
    SpoolMetrics,
    RecoveryWatch,
    ReadingsHandOff,
  ],
  exports: [GanetiPrecacheService, CollectionService, ReadingsWriter, ReadingsHandOff, ReadingsSpool, RecoveryWatch, CollectionRunsModule],
})
export class CollectorsModule {}
