/** A subscription as the API shows it and its events carry it: never its secret. */
export interface WebhookView {
  id: string;
  clientId: string | null;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  /** Set when Tally disabled it after failing for days; cleared when it is made active again. */
  disabledAt: string | null;
  disabledReason: string | null;
  /** Since when its deliveries have failed without a success in between; null when healthy. */
  failingSince: string | null;
  /** Until when the secret replaced by the last rotation still signs deliveries, if it does. */
  previousSecretValidUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SubscriptionRow {
  id: string;
  client_id: string | null;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  disabled_at: Date | null;
  disabled_reason: string | null;
  failing_since: Date | null;
  previous_valid_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function webhookView(r: SubscriptionRow): WebhookView {
  return {
    id: r.id, clientId: r.client_id, url: r.url, events: r.events, description: r.description, active: r.active,
    disabledAt: iso(r.disabled_at), disabledReason: r.disabled_reason, failingSince: iso(r.failing_since),
    previousSecretValidUntil: r.previous_valid_until && r.previous_valid_until > new Date() ? r.previous_valid_until.toISOString() : null,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event's delivery to one subscription, with its last attempt: what the delivery log shows. */
export interface DeliveryView {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  /** The `webhook-id` header: the same on every attempt. */
  messageId: string;
  status: DeliveryStatus;
  attempts: number;
  /** When it is tried next; null once delivered or failed. */
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** The receiver's HTTP status on the last attempt; null when it gave none (refused, timed out). */
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  message_id: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

export function deliveryView(r: DeliveryRow): DeliveryView {
  return {
    id: r.id, webhookId: r.subscription_id, eventId: String(r.event_id), eventType: r.event_type, messageId: r.message_id, status: r.status,
    attempts: r.attempts, nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null, lastAttemptAt: iso(r.last_attempt_at),
    lastStatusCode: r.last_status_code, lastLatencyMs: r.last_latency_ms, lastError: r.last_error, deliveredAt: iso(r.delivered_at),
    createdAt: r.created_at.toISOString(),
  };
}

/** One attempt at a delivery. */
export interface AttemptView {
  at: string;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

export interface AttemptRow { attempted_at: Date; ok: boolean; status_code: number | null; latency_ms: number; error: string | null }

export function attemptView(r: AttemptRow): AttemptView {
  return { at: r.attempted_at.toISOString(), ok: r.ok, statusCode: r.status_code, latencyMs: r.latency_ms, error: r.error };
}
