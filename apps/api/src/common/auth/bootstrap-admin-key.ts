import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { ApiKeysService } from '@tally/tenancy';

/** Ensures TALLY_ADMIN_KEY works after start-up (runs after migrations, which also run at bootstrap). */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.bootstrapAdminKey) return;
    const outcome = await this.apiKeys.ensureAdminKey(this.config.bootstrapAdminKey);
    if (outcome === 'created') this.logger.log('admin key from TALLY_ADMIN_KEY stored (hashed)');
  }
}
