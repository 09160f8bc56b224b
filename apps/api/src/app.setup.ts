import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { MetricsRegistry } from '@tally/metrics';
import { QuietStartLogger } from '@tally/runtime';
import { Logger } from 'nestjs-pino';
import { HttpErrorFilter } from './common/http-error.filter';
import { requestId } from './common/http/request-id';
import { requestLine } from './common/http/request-line';
import { securityHeaders } from './common/http/security-headers';
import { validationPipe } from './common/validation';
import { setupSwagger } from './swagger';
import { httpMetrics } from './metrics/http-metrics';
import { mountQueueDashboard } from './queue-dashboard/queue-dashboard';

/** The billing page lives outside the API's versioned prefix: it is a page, not an endpoint. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', 'billing', 'billing/{*file}', 'metrics', 'ack/{*token}', 'status', 'status/{*file}'] });
}

/** Everything main.ts and the tests both need, so tests exercise the real HTTP stack. */
export function configureApp(app: NestExpressApplication): INestApplication {
  // First of all, so every answer, even to a body too large to read, carries its request id.
  app.use(requestId);
  // Every answer is counted, a refused one too; by route template, once a route matched.
  app.use(httpMetrics(app.get(MetricsRegistry)));
  // Before any router decodes a path parameter, so a broken URL gets a message of ours.
  app.use(requestLine);
  app.use(securityHeaders());
  // Nest's own start-up lines (a line per module, controller and route) at debug.
  app.useLogger(new QuietStartLogger(app.get(Logger)));
  // Bodies are parsed by the jsonBody middleware (AppModule), which bounds size and depth.
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  mountQueueDashboard(app);
  setApiPrefix(app);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  setupSwagger(app);
  return app;
}
