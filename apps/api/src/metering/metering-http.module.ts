import { Module } from '@nestjs/common';
import { MeteringModule } from '@tally/metering';
import { MeasurementsController } from './measurements.controller';
import { SamplesController } from './samples.controller';

@Module({
  imports: [MeteringModule],
  controllers: [MeasurementsController, SamplesController],
})
export class MeteringHttpModule {}
