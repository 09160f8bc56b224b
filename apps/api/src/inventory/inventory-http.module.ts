import { Module } from '@nestjs/common';
import { InventoryModule } from '@tally/inventory';
import { ClustersController } from './clusters.controller';
import { CredentialsController } from './credentials.controller';
import { ResourcesController } from './resources.controller';

@Module({
  imports: [InventoryModule],
  controllers: [CredentialsController, ClustersController, ResourcesController],
})
export class InventoryHttpModule {}
