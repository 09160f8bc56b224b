import type { ApiKeyEntity, ClientEntity, ProjectEntity, Role, Scope } from '@tally/database';

/** A client as the API returns it and as its events carry it: one shape for both. */
export interface ClientView {
  id: string;
  name: string;
  billingRef: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export function clientView(c: ClientEntity): ClientView {
  return { id: c.id, name: c.name, billingRef: c.billingRef, active: c.active, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

export interface ProjectView {
  id: string;
  clientId: string;
  name: string;
  description: string | null;
  /** The project's reference in the invoicing system; null when billed under the client's. */
  billingRef: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export function projectView(p: ProjectEntity): ProjectView {
  return {
    id: p.id, clientId: p.clientId, name: p.name, description: p.description, billingRef: p.billingRef, active: p.active,
    createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
  };
}

/** An API key as the API lists it: its prefix, never the key or its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  clientId: string | null;
  scopes: Scope[];
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  lastUsedFrom: string | null;
  expiresAt: string | null;
  previousKeyExpiresAt: string | null;
  revokedAt: string | null;
}

export function apiKeyView(k: ApiKeyEntity): ApiKeyView {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: k.id, name: k.name, role: k.role, clientId: k.clientId, scopes: k.scopes, prefix: k.prefix, createdAt: k.createdAt.toISOString(),
    lastUsedAt: iso(k.lastUsedAt), lastUsedFrom: k.lastUsedFrom, expiresAt: iso(k.expiresAt), previousKeyExpiresAt: iso(k.previousKeyExpiresAt),
    revokedAt: iso(k.revokedAt),
  };
}
