import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, APP_CONFIG, InjectConfig } from '@tally/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { ENTITIES } from './entities';
import { migrateLocked } from './migrate';

@Injectable()
class MigrateOnBoot implements OnApplicationBootstrap {
  private readonly logger = new Logger('Database');
  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.database.migrateOnBoot) return;
    const applied = await migrateLocked(this.dataSource);
    if (applied.length) this.logger.log(`applied migrations: ${applied.join(', ')}`);
  }
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), retryAttempts: 3, retryDelay: 1000 }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [MigrateOnBoot],
  exports: [TypeOrmModule],
})
export class DatabaseModule {}
