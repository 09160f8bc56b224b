import { Module } from '@nestjs/common';
import { DatabaseModule } from '@tally/database';
import { EventsModule } from '@tally/events';
import { CorrectionsService } from './corrections';
import { CorrectionsRepository } from './corrections/corrections.repository';
import { MeasurementsService } from './measurements.service';
import { SamplesService } from './samples.service';

@Module({
  imports: [DatabaseModule, EventsModule],
  providers: [MeasurementsService, SamplesService, CorrectionsService, CorrectionsRepository],
  exports: [MeasurementsService, SamplesService, CorrectionsService],
})
export class MeteringModule {}
