import { Module } from '@nestjs/common';
import { CollectionRunsModule } from '@tally/collectors';
import { InventoryModule } from '@tally/inventory';
import { ClustersController } from './clusters.controller';
import { CredentialsController } from './credentials.controller';
import { ResourcesController } from './resources.controller';

@Module({
  // CollectionRunsModule: a resource's collection state (BackoffStore).
  imports: [InventoryModule, CollectionRunsModule],
  controllers: [CredentialsController, ClustersController, ResourcesController],
})
export class InventoryHttpModule {}
