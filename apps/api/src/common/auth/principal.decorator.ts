import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Principal } from '@tally/tenancy';
import type { AuthedRequest } from './auth.guard';

/** The caller resolved by AuthGuard; always present on non-public routes. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
