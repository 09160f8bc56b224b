import { Agent, request } from 'undici';
import { guardedLookup, refusedLiteral } from './target-address';

export interface AttemptResult {
  ok: boolean;
  /** The receiver answered `webhook-delivery: abort-message`: stop retrying this one. */
  abort: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** Longest error text kept in the delivery log. */
const MAX_ERROR = 500;

/**
 * One HTTP attempt. A 2xx within the timeout is a success; anything else fails, redirects
 * included (they are not followed). Unless private targets are allowed, the address connected
 * to is checked at connection time, so a name that re-resolves to an internal address is
 * refused at delivery too.
 */
export class WebhookSender {
  private readonly agent: Agent;

  constructor(
    private readonly timeoutMs: number,
    private readonly allowPrivate: boolean,
  ) {
    this.agent = new Agent({
      connect: allowPrivate ? { timeout: timeoutMs } : { timeout: timeoutMs, lookup: guardedLookup },
      keepAliveTimeout: 30_000,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async send(url: URL, headers: Record<string, string>, body: string): Promise<AttemptResult> {
    const started = performance.now();
    const refused = this.allowPrivate ? undefined : refusedLiteral(url);
    if (refused) return { ok: false, abort: false, statusCode: null, latencyMs: 0, error: `refused: ${refused}` };
    try {
      const res = await request(url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Tally-Webhooks/1' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      const abort = !ok && res.headers['webhook-delivery'] === 'abort-message';
      return { ok, abort, statusCode: res.statusCode, latencyMs: Math.round(performance.now() - started), error: ok ? null : `HTTP ${res.statusCode}` };
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const text = err.name === 'TimeoutError' || err.name === 'AbortError' ? `timed out after ${this.timeoutMs} ms` : `${err.code ? `${err.code}: ` : ''}${err.message}`;
      return { ok: false, abort: false, statusCode: null, latencyMs: Math.round(performance.now() - started), error: text.slice(0, MAX_ERROR) };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
