import { NotFoundException } from '@nestjs/common';
import { Role, Scope } from '@tally/database';

/** Who is calling: resolved from the API key by the API's guard, passed to every service call. */
export interface Principal {
  keyId: string;
  /** The key's name, for the audit trail. */
  keyName: string;
  role: Role;
  /** Set for `client` keys: the one tenant they may see. */
  clientId: string | null;
  scopes: Scope[];
}

/** The client a principal is confined to, or undefined when it may see every client. */
export function tenantOf(principal: Principal): string | undefined {
  return principal.role === 'client' ? (principal.clientId ?? '00000000-0000-0000-0000-000000000000') : undefined;
}

/** Out-of-tenant objects answer exactly like missing ones, so nothing leaks their existence. */
export function notFound(what: string, id: string): NotFoundException {
  return new NotFoundException(`${what} ${id} not found`);
}
