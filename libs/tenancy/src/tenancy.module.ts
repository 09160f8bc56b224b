import { Module } from '@nestjs/common';
import { DatabaseModule } from '@tally/database';
import { EventsModule } from '@tally/events';
import { ApiKeysService } from './api-keys.service';
import { ClientsService } from './clients.service';
import { ProjectsService } from './projects.service';

@Module({
  imports: [DatabaseModule, EventsModule],
  providers: [ClientsService, ProjectsService, ApiKeysService],
  exports: [ClientsService, ProjectsService, ApiKeysService],
})
export class TenancyModule {}
