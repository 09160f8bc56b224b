import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, OperationObject, ResponseObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorDto } from './common/api-errors';
import { JSON_MEDIA_TYPE } from './common/http/json-body';
import { DOCS_PATH } from './common/http/security-headers';

export const BEARER = 'api-key';
const BODY_METHODS = ['post', 'put', 'patch'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const ERROR_CONTENT = { [JSON_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ErrorDto) } } };
const error = (description: string, extra: Partial<ResponseObject> = {}): ResponseObject => ({ description, content: structuredClone(ERROR_CONTENT), ...extra });
const header = (description: string, type: 'integer' | 'string' = 'integer') => ({ description, schema: { type } });

/**
 * Answers the HTTP layer gives before a controller runs (middleware, guard, rate limiter), so
 * every operation documents them, including operations added later.
 */
const LAYER_RESPONSES = {
  any: {
    '400': error('Invalid input; the message names the field or parameter (also: control characters, malformed percent-encoding or a repeated parameter in the URL)'),
  },
  secured: {
    '401': error('Missing, unknown, expired or revoked API key'),
    '403': error("The key's role may not use this endpoint"),
    '429': error('Too many requests for this key (or, for failed authentication, from this address); retry after Retry-After seconds', {
      headers: {
        'Retry-After': header('Seconds to wait before retrying'),
        'RateLimit-Policy': header('Quota q per window w seconds of each policy that applied, e.g. "key";q=1200;w=60 (IETF draft)', 'string'),
        RateLimit: header('Requests r remaining and seconds t until allowed again, per policy, e.g. "key";r=0;t=1 (IETF draft)', 'string'),
      },
    }),
    // The key is checked in Postgres, so any secured call can meet a database that is down.
    '503': error('A dependency is down (PostgreSQL, or Redis where the operation needs it); the message says which. Retry after Retry-After seconds', {
      headers: { 'Retry-After': header('Seconds to wait before retrying') },
    }),
  },
  body: {
    '413': error('The body is larger than TALLY_BODY_LIMIT; split it'),
    '415': error('The body is not application/json in UTF-8 (or has an unsupported Content-Encoding)', {
      headers: { 'Accept-Post': header('application/json', 'string'), 'Accept-Patch': header('application/json', 'string') },
    }),
  },
} satisfies Record<string, Record<string, ResponseObject>>;

/** Fallback ids for operations without an explicit one: `<method><Controller>`, e.g. createCorrections. */
function operationId(controllerKey: string, methodKey: string): string {
  return `${methodKey}${controllerKey.replace(/Controller$/, '')}`;
}

function addLayerResponses(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op: OperationObject | undefined = item[method];
      if (!op) continue;
      // @Public() documents `security: [{}]` (anonymous allowed); say it as OpenAPI does, [].
      if (op.security?.length === 1 && Object.keys(op.security[0]).length === 0) op.security = [];
      const secured = (op.security ?? document.security ?? []).length > 0;
      const layer = { ...LAYER_RESPONSES.any, ...(secured ? LAYER_RESPONSES.secured : {}), ...(BODY_METHODS.includes(method) ? LAYER_RESPONSES.body : {}) };
      for (const [status, response] of Object.entries(layer)) op.responses[status] ??= structuredClone(response);
      // Every error is the one shape, whether or not a decorator said so; every 503 says when to retry.
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && response && !('$ref' in response) && !response.content) response.content = structuredClone(ERROR_CONTENT);
        if (status === '503' && response && !('$ref' in response)) response.headers = { 'Retry-After': header('Seconds to wait before retrying'), ...response.headers };
      }
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
    }
  }
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tally API')
    .setDescription(
      'Multi-tenant usage accounting. Authenticate with `Authorization: Bearer <key>`. ' +
        'Roles: admin (everything), billing (read all, reports, trigger runs), client (its own client only). ' +
        'Errors: `{ statusCode, error, message, requestId }`. Lists: `limit` (max 500), `offset` → `{ items, total }`. ' +
        'Bodies are `application/json` in UTF-8, objects nested at most TALLY_JSON_MAX_DEPTH levels, with no NUL characters; ' +
        'a query parameter is given at most once.',
    )
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'A Tally API key: an opaque string, `tally_` followed by 43 URL-safe base64 characters (not a JWT).',
      },
      BEARER,
    )
    .addSecurityRequirements(BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId, extraModels: [ErrorDto] });
  addLayerResponses(document);
  // By name, not by the order modules happened to be scanned in: the same document every time.
  const schemas = document.components?.schemas ?? {};
  document.components!.schemas = Object.fromEntries(Object.keys(schemas).sort().map((name) => [name, schemas[name]]));
  return document;
}

export function setupSwagger(app: INestApplication): void {
  const document = buildOpenApi(app);
  SwaggerModule.setup(DOCS_PATH.slice(1), app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Tally API' });
}
