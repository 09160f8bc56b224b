import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const BEARER = 'api-key';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tally API')
    .setDescription(
      'Multi-tenant usage accounting. Authenticate with `Authorization: Bearer <key>`. ' +
        'Roles: admin (everything), billing (read all, reports, trigger runs), client (its own client only). ' +
        'Errors: `{ statusCode, error, message, requestId }`. Lists: `limit` (max 500), `offset` → `{ items, total }`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A Tally API key (tally_…)' }, BEARER)
    .addSecurityRequirements(BEARER)
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function setupSwagger(app: INestApplication): void {
  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Tally API' });
}
