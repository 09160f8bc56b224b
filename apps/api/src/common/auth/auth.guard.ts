import { CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeysService, AuthFailure, AuthOutcome, Principal } from '@tally/tenancy';
import type { Request, Response } from 'express';
import { RATE_CLASS_KEY, RateClass } from '../rate-limit/rate-limit.decorator';
import { RateLimiter, Verdict } from '../rate-limit/rate-limiter';
import { clientAddress } from './client-address';
import { AccessRule, ACCESS_KEY } from './roles.decorator';

export type AuthedRequest = Request & { principal?: Principal };
type Missing = { reason: 'missing' };

/**
 * The one global guard: authenticates the bearer key, applies the rate limits, then checks
 * the route's access rule. An address that failed to authenticate too often gets 429 before
 * its key is even looked up, so spraying keys costs the database nothing.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly limits: RateLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, targets);
    if (rule?.public) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const address = clientAddress(req);
    const attempt = await this.limits.reserveAttempt(address);
    if (!attempt.allowed) enforce(res, attempt);

    const outcome = await this.authenticate(req, address);
    if ('failure' in outcome) {
      // The attempt stays counted; its headers tell how close the address now is to a 429.
      enforce(res, attempt);
      throw new UnauthorizedException(failureMessage(outcome.failure));
    }
    const principal = (req.principal = outcome.principal);
    enforce(res, await this.limits.admitKey(principal.keyId, address, this.reflector.getAllAndOverride<RateClass | undefined>(RATE_CLASS_KEY, targets)));

    const allowed =
      !!rule && ((rule.roles ?? []).includes(principal.role) || (rule.scopes ?? []).some((s) => principal.scopes.includes(s)));
    if (!allowed) {
      const who = rule?.roles?.length ? `role ${rule.roles.join(' or ')}` : 'a role no key has';
      throw new ForbiddenException(`This endpoint needs ${who}; this key has role ${principal.role}`);
    }
    return true;
  }

  private async authenticate(req: Request, address: string): Promise<AuthOutcome | { failure: Missing }> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return match ? this.apiKeys.authenticate(match[1], address) : { failure: { reason: 'missing' } };
  }
}

function enforce(res: Response, verdict: Verdict): void {
  for (const [name, value] of Object.entries(verdict.headers)) res.setHeader(name, value);
  if (!verdict.allowed) throw new HttpException(verdict.message ?? 'Too many requests', HttpStatus.TOO_MANY_REQUESTS);
}

function failureMessage(failure: AuthFailure | Missing): string {
  switch (failure.reason) {
    case 'missing':
      return 'Missing API key: send "Authorization: Bearer <key>"';
    case 'malformed':
      return 'Malformed API key: a Tally key is "tally_" followed by 43 characters (letters, digits, "-" and "_")';
    case 'unknown':
      return 'Unknown or revoked API key';
    case 'expired':
      return `API key expired at ${failure.at.toISOString()}`;
    case 'replaced':
      return `This secret was replaced when the API key was rotated and stopped working at ${failure.at.toISOString()}; use the new secret`;
  }
}
