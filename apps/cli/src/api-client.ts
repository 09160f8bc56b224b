import { Connection } from './cli-config';
import { ApiError } from './errors';
import type { components, operations } from './generated/api';

/** The API's schemas and operations, generated from its OpenAPI document (npm run openapi:types). */
export type Schemas = components['schemas'];
export type OperationId = keyof operations;
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Responses<Op extends OperationId> = operations[Op]['responses'];
/** The JSON an operation answers with when it succeeds. */
export type Success<Op extends OperationId> = { [S in keyof Responses<Op>]: S extends 200 | 201 | 202 ? JsonOf<Responses<Op>[S]> : never }[keyof Responses<Op>];
export type Body<Op extends OperationId> = operations[Op] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
export type Query<Op extends OperationId> = NonNullable<operations[Op]['parameters']['query']>;
/** One item of a list operation's page. */
export type Item<Op extends OperationId> = Success<Op> extends { items: (infer I)[] } ? I : never;

/** A thin client of the REST API (design §5): bearer key, JSON bodies, one error shape. */
export class TallyClient {
  constructor(private readonly conn: Connection) {}

  async request(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
    const url = `${this.conn.url}/api/v1${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${this.conn.key}`,
          Accept: accept,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiError(`cannot reach Tally at ${this.conn.url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
    }
    if (!res.ok) throw await errorOf(res);
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    return (await res.json()) as T;
  }

  /** GET for operation `Op`; the path (with its query string) is the caller's. */
  get<Op extends OperationId>(path: string): Promise<Success<Op>> {
    return this.json<Success<Op>>('GET', path);
  }

  post<Op extends OperationId>(path: string, body: Body<Op>): Promise<Success<Op>> {
    return this.json<Success<Op>>('POST', path, body);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: string; requestId?: string };
    return new ApiError(body.message ?? res.statusText, res.status, body.requestId);
  } catch {
    return new ApiError(`${res.status} ${res.statusText}${text ? `: ${text.slice(0, 200)}` : ''}`, res.status);
  }
}

/** `?a=1&b=x` from the defined entries only. */
export function query(params: { [name: string]: string | number | boolean | undefined }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
