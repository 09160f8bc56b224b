import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { Role, Scope } from '@tally/database';

export const ACCESS_KEY = 'tally:access';

export interface AccessRule {
  public?: boolean;
  roles?: Role[];
  /** A key holding one of these scopes is admitted whatever its role. */
  scopes?: Scope[];
}

/** Which roles may call a route. A route without it is denied to everyone (deny by default). */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { roles } satisfies AccessRule);
export const RolesOrScope = (roles: Role[], scopes: Scope[]) => SetMetadata(ACCESS_KEY, { roles, scopes } satisfies AccessRule);
/** No key needed, and documented so: the operation's OpenAPI `security` is empty (swagger.ts). */
export const Public = () => applyDecorators(SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule), ApiSecurity({}));
