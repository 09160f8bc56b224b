import { Module } from '@nestjs/common';
import { AlertsModule } from '@tally/alerts';
import { MeteringModule } from '@tally/metering';
import { CorrectionsController } from './corrections.controller';
import { MeasurementsController } from './measurements.controller';
import { SamplesController } from './samples.controller';

@Module({
  imports: [MeteringModule, AlertsModule],
  controllers: [MeasurementsController, SamplesController, CorrectionsController],
})
export class MeteringHttpModule {}
