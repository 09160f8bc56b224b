import type { ClientEntity } from '@tally/database';

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
