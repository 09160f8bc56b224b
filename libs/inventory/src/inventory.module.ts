import { Module } from '@nestjs/common';
import { DatabaseModule } from '@tally/database';
import { EventsModule } from '@tally/events';
import { ClustersService } from './clusters.service';
import { CollectTargetsService } from './collect-targets.service';
import { CredentialsService } from './credentials.service';
import { ResourceMeasurements } from './resource-measurements';
import { ResourcesService } from './resources.service';

/** Credentials, clusters and resources. Needs ConfigModule (global) for the secret keys. */
@Module({
  imports: [DatabaseModule, EventsModule],
  providers: [CredentialsService, ClustersService, ResourcesService, ResourceMeasurements, CollectTargetsService],
  exports: [CredentialsService, ClustersService, ResourcesService, CollectTargetsService],
})
export class InventoryModule {}
