import { Module } from '@nestjs/common';
import { DatabaseModule } from '@tally/database';
import { MeasurementsService } from './measurements.service';
import { SamplesService } from './samples.service';

@Module({
  imports: [DatabaseModule],
  providers: [MeasurementsService, SamplesService],
  exports: [MeasurementsService, SamplesService],
})
export class MeteringModule {}
