import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@tally/config';
import { Logger } from 'nestjs-pino';
import { HttpErrorFilter } from './common/http-error.filter';
import { validationPipe } from './common/validation';
import { setupSwagger } from './swagger';

/** Everything main.ts and the tests both need, so tests exercise the real HTTP stack. */
export function configureApp(app: NestExpressApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // The billing page lives outside the API's versioned prefix: it is a page, not an endpoint.
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', 'billing', 'billing/{*file}'] });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  setupSwagger(app);
  return app;
}
