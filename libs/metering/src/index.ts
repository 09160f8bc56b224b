export * from './builtin-measurements';
export * from './timestamps';
export * from './display';
export * from './closed-periods';
export * from './sample-batch';
export * from './measurements.service';
export * from './samples.service';
export * from './metering.module';
