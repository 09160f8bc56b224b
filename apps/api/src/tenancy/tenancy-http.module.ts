import { Module } from '@nestjs/common';
import { TenancyModule } from '@tally/tenancy';
import { ApiKeysController } from './api-keys.controller';
import { ClientsController } from './clients.controller';
import { ProjectsController } from './projects.controller';

@Module({
  imports: [TenancyModule],
  controllers: [ClientsController, ProjectsController, ApiKeysController],
})
export class TenancyHttpModule {}
