import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.0 document the fuzzer reads. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  $ref?: string;
  writeOnly?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

interface RawOperation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Schema> };
  security?: unknown[];
}

export interface Operation {
  id: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body?: Schema;
  secured: boolean;
  /** status → media type → schema (undefined: documented without a body) */
  responses: Record<string, Record<string, Schema | undefined>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document, in document order; new endpoints appear by themselves. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => {
      const op = item[method];
      const params = op.parameters ?? [];
      const responses = Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [status, Object.fromEntries(Object.entries(r.content ?? {}).map(([type, c]) => [type, c.schema]))]),
      );
      return {
        id: op.operationId,
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content['application/json']?.schema,
        secured: (op.security ?? doc.security ?? []).length > 0,
        responses,
      };
    }),
  );
}

/** A component schema by `$ref`, following the reference. */
export function resolve(doc: OpenApiDoc, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
}

const DOC_ID = 'openapi';

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a null alternative, and objects
 * that list their properties allow no others, so a field the document does not name fails.
 */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { nullable, example: _example, writeOnly: _writeOnly, ...rest } = schema as Schema & { example?: unknown };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (k === '$ref') out.$ref = `${DOC_ID}${v as string}`;
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, toJsonSchema(s)]));
    else out[k] = toJsonSchema(v);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (!nullable) return out;
  if (typeof out.type === 'string' && !out.allOf && !out.$ref) return { ...out, type: [out.type, 'null'], ...(out.enum ? { enum: [...(out.enum as unknown[]), null] } : {}) };
  const { description: _d, type: _t, ...inner } = out;
  return { anyOf: [inner, { type: 'null' }] };
}

/** Checks response bodies against the document's schemas (ajv, formats included). */
export class ResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: false });
  private readonly cache = new Map<Schema, ValidateFunction>();

  constructor(doc: OpenApiDoc) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOC_ID, components: { schemas: toJsonSchema(doc.components.schemas) } });
  }

  /** undefined when `body` matches, else ajv's first complaint. */
  problem(schema: Schema, body: unknown): string | undefined {
    let validate = this.cache.get(schema);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.cache.set(schema, validate);
    }
    if (validate(body)) return undefined;
    const e = validate.errors![0];
    return `${e.instancePath || '(body)'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`;
  }
}
