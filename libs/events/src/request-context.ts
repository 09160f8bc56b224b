import { AsyncLocalStorage } from 'node:async_hooks';

/** Who caused a change, as the audit log records it. */
export interface Actor {
  /** Null for an actor without a key (an acknowledgement link). */
  keyId: string | null;
  keyName: string;
  role: string;
}

/**
 * What the API knows about the request in progress. Opened by a middleware before anything
 * else runs and completed by the auth guard, so a service deep in a transaction can stamp its
 * events with who, from where and under which request id, without every call passing it on.
 */
export interface RequestContext {
  requestId: string;
  address: string | null;
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  /** Undefined outside a request: the worker's own happenings have no actor. */
  current(): RequestContext | undefined {
    return storage.getStore();
  },
  setActor(actor: Actor): void {
    const context = storage.getStore();
    if (context) context.actor = actor;
  },
};
