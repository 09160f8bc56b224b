import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { requestContext } from '@tally/events';
import { Observable } from 'rxjs';
import type { AuthedRequest } from './auth/auth.guard';

/**
 * Runs each handler inside its request's context (request id, client address, and the key
 * the guard resolved), so the events a change writes name who made it and from where.
 * An interceptor rather than a middleware: it runs after the guard, and the handler is
 * subscribed inside the context, which survives every await below it.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest & { id?: unknown }>();
    const p = req.principal;
    const context = {
      requestId: String(req.id ?? ''),
      address: req.ip ?? null,
      ...(p ? { actor: { keyId: p.keyId, keyName: p.keyName, role: p.role } } : {}),
    };
    return new Observable((subscriber) => requestContext.run(context, () => next.handle().subscribe(subscriber)));
  }
}
