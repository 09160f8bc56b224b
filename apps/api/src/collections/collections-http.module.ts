import { Module } from '@nestjs/common';
import { CollectionRunsModule } from '@tally/collectors';
import { InventoryModule } from '@tally/inventory';
import { ClusterInstancesController } from './cluster-instances.controller';
import { CollectionsController } from './collections.controller';

@Module({
  imports: [CollectionRunsModule, InventoryModule],
  controllers: [CollectionsController, ClusterInstancesController],
  // /health/ready reports whether the schedules run (ScheduleStatusService).
  exports: [CollectionRunsModule],
})
export class CollectionsHttpModule {}
