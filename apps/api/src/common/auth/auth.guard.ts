import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeysService, Principal } from '@tally/tenancy';
import type { Request } from 'express';
import { AccessRule, ACCESS_KEY } from './roles.decorator';

export type AuthedRequest = Request & { principal?: Principal };

/** The one global guard: authenticates the bearer key, then checks the route's access rule. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (rule?.public) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) {
      throw new UnauthorizedException('Missing API key: send "Authorization: Bearer <key>"');
    }
    const principal = await this.apiKeys.authenticate(match[1]);
    if (!principal) throw new UnauthorizedException('Unknown or revoked API key');
    req.principal = principal;
    const allowed =
      !!rule && ((rule.roles ?? []).includes(principal.role) || (rule.scopes ?? []).some((s) => principal.scopes.includes(s)));
    if (!allowed) {
      const who = rule?.roles?.length ? `role ${rule.roles.join(' or ')}` : 'a role no key has';
      throw new ForbiddenException(`This endpoint needs ${who}; this key has role ${principal.role}`);
    }
    return true;
  }
}
