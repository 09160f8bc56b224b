import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { JobProducer, registerSchedules } from '@tally/jobs';

/** Registers the recurring jobs once per boot; idempotent, so every replica may do it. */
@Injectable()
export class ScheduleRegistration implements OnApplicationBootstrap {
  private readonly logger = new Logger('Schedules');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly producer: JobProducer,
  ) {}

  async onApplicationBootstrap() {
    for (const s of await registerSchedules(this.producer, this.config)) {
      this.logger.log({ scheduler: s.id, pattern: s.pattern, next: s.next?.toISOString() }, 'job scheduler registered');
    }
  }
}
