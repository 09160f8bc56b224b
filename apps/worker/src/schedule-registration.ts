import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { JobProducer, recurringJobs, registerSchedules } from '@tally/jobs';

/** Registers the recurring jobs once per boot; idempotent, so every replica may do it. */
@Injectable()
export class ScheduleRegistration implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Schedules');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly producer: JobProducer,
  ) {}

  /** An interval that cannot be scheduled stops the boot before any queue worker starts. */
  onModuleInit() {
    recurringJobs(this.config);
  }

  async onApplicationBootstrap() {
    const schedules = await registerSchedules(this.producer, this.config);
    const list = schedules.map((s) => ({ scheduler: s.id, pattern: s.pattern, next: s.next?.toISOString() }));
    this.logger.log({ schedulers: list }, `${schedules.length} job schedulers registered: ${schedules.map((s) => `${s.id} (${s.pattern})`).join(', ')}`);
  }
}
