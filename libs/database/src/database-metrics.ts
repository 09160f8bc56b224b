import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@tally/metrics';
import { DatabaseHealth } from './database-health';

/** tally_up{dependency="postgres"}: the health probe, on its own connection, so a busy pool reads as up. */
@Injectable()
export class DatabaseMetrics {
  constructor(metrics: MetricsRegistry, health: DatabaseHealth) {
    metrics.dependency('postgres', async () => {
      const probe = await health.probe();
      if (probe.status !== 'up') throw new Error(probe.error ?? 'down');
    });
  }
}
