import { Module } from '@nestjs/common';
import { MeteringModule } from '@tally/metering';
import { CorrectionsController } from './corrections.controller';
import { MeasurementsController } from './measurements.controller';
import { SamplesController } from './samples.controller';

@Module({
  imports: [MeteringModule],
  controllers: [MeasurementsController, SamplesController, CorrectionsController],
})
export class MeteringHttpModule {}
