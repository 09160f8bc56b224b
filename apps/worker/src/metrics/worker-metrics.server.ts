import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { MetricsRegistry, serveMetrics } from '@tally/metrics';
import { Server } from 'node:http';

/**
 * The worker has no HTTP server, so its metrics get a listener of their own, only when
 * TALLY_WORKER_METRICS_PORT is set: a fixed default port would collide as soon as two workers
 * share a host. It binds TALLY_WORKER_METRICS_HOST (loopback unless told otherwise); a port
 * already taken stops the boot, since the operator asked for it.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | undefined;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly metrics: MetricsRegistry,
  ) {}

  async onApplicationBootstrap() {
    const { host, port } = this.config.metrics.worker;
    if (!port) return;
    const served = await serveMetrics(this.metrics, { host, port, token: this.config.metrics.token });
    this.server = served.server;
    this.logger.log(`metrics on http://${host}:${served.port}/metrics${this.config.metrics.token ? ' (bearer token required)' : ''}`);
  }

  async beforeApplicationShutdown() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections?.();
  }
}
