/**
 * Every event Tally emits, by name: a versioned contract (docs/events.md documents each one and
 * a test holds the two together). A name never changes meaning; a payload that must change
 * incompatibly gets a new version, and both are documented.
 *
 * Entity lifecycle events share one shape: `data` holds the object as the API shows it (after
 * the change; before it, for `.deleted`), and `changes` the fields that changed, before and
 * after (a secret only says that it changed).
 */
export interface EventTypeInfo {
  version: number;
  /** What `subjectType` is for this event. */
  subject: string;
  description: string;
}

const entity = (subject: string, what: string) => ({
  [`${subject}.created`]: { version: 1, subject, description: `A ${what} was created` },
  [`${subject}.updated`]: { version: 1, subject, description: `A ${what} was changed; \`changes\` lists the fields, before and after` },
  [`${subject}.deleted`]: { version: 1, subject, description: `A ${what} was deleted; \`data\` holds it as it was` },
});
const deactivatable = (subject: string, what: string) => ({
  ...entity(subject, what),
  [`${subject}.deactivated`]: { version: 1, subject, description: `A ${what} was deactivated (active true → false); it keeps its history` },
  [`${subject}.reactivated`]: { version: 1, subject, description: `A deactivated ${what} was made active again` },
});

export const EVENT_TYPES: Readonly<Record<string, EventTypeInfo>> = {
  ...deactivatable('client', 'client'),
  ...deactivatable('project', 'project'),
  ...deactivatable('resource', 'resource'),
  ...deactivatable('cluster', 'Ganeti cluster'),
  ...entity('credential', 'credential'),
  'measurement.created': { version: 1, subject: 'measurement', description: 'A custom measurement was added to the catalog' },
  'measurement.deleted': { version: 1, subject: 'measurement', description: 'A custom measurement without samples was removed from the catalog' },
  'api_key.created': { version: 1, subject: 'api_key', description: 'An API key was created (never its secret)' },
  'api_key.rotated': { version: 1, subject: 'api_key', description: 'An API key got a new secret; the old one works until `data.previousValidUntil`' },
  'api_key.revoked': { version: 1, subject: 'api_key', description: 'An API key was revoked' },
  'correction.applied': { version: 1, subject: 'correction', description: 'A correction changed or deleted samples, possibly in closed periods' },
  'collection.started': { version: 1, subject: 'collection_run', description: 'A collection or pre-cache run started, with the number of targets' },
  'collection.finished': { version: 1, subject: 'collection_run', description: 'A run finished, with its counts' },
  'collection.slot_missed': { version: 1, subject: 'collection_run', description: 'A slot boundary the schedule owed closed with no collection; the reason says why' },
  'resource.collection_failed': { version: 1, subject: 'resource', description: "A resource's collection failed after succeeding (or for the first time)" },
  'resource.collection_recovered': { version: 1, subject: 'resource', description: "A resource's collection succeeded again after failing" },
  'host.down': { version: 1, subject: 'resource', description: 'A node stopped answering (node.up went 1 → 0, or its first poll failed)' },
  'host.up': { version: 1, subject: 'resource', description: 'A node answers again (node.up went 0 → 1)' },
  'cluster.cache_failed': { version: 1, subject: 'cluster', description: "A Ganeti cluster's pre-cache failed" },
  'cluster.cache_recovered': { version: 1, subject: 'cluster', description: "A Ganeti cluster's pre-cache succeeded again after failing" },
  'hook.refused': { version: 1, subject: 'hook', description: 'A before-hook refused a change; the caller got 422 with the reason' },
  'measurement.updated': { version: 1, subject: 'measurement', description: "A measurement's display unit or places changed (the only thing about one that can)" },
  ...entity('rate_card', 'rate card'),
  ...entity('price', "rate card's own price"),
  'rate_card.assigned': { version: 1, subject: 'client', description: "A client's rate card and overrides were set (PUT /clients/{id}/rate-card)" },
  'collection.requested': { version: 1, subject: 'collection_run', description: 'An operator asked for a collection or pre-cache through the API' },
  'rate_card.unassigned': { version: 1, subject: 'client', description: "A client's rate card was removed, with its overrides" },
  ...deactivatable('webhook', 'webhook subscription'),
  'webhook.secret_rotated': { version: 1, subject: 'webhook', description: "A webhook subscription got a new secret; the old one also signs until `data.previousValidUntil`" },
  'webhook.redelivery_requested': { version: 1, subject: 'webhook', description: 'A delivery was queued again by hand (POST …/redeliver)' },
  'webhook.disabled': { version: 1, subject: 'webhook', description: 'Tally disabled a webhook subscription whose deliveries failed for TALLY_WEBHOOK_DISABLE_AFTER' },
  ...entity('alert_rule', 'alert rule'),
  ...entity('maintenance_window', 'maintenance window'),
  'alert.triggered': { version: 1, subject: 'alert', description: 'An incident opened: a series held warn, crit or nodata for its rule\'s forEvaluations' },
  'alert.escalated': { version: 1, subject: 'alert', description: 'An open incident got more severe (warn → crit)' },
  'alert.deescalated': { version: 1, subject: 'alert', description: 'An open incident got less severe (crit → warn) without recovering' },
  'alert.recovered': { version: 1, subject: 'alert', description: 'An incident closed: its series held ok for forEvaluations' },
  'alert.acknowledged': { version: 1, subject: 'alert', description: 'Someone acknowledged an incident: re-notification stops until it changes state' },
  'alert.flapping': { version: 1, subject: 'alert', description: 'A series started (`data.flapping` true) or stopped flapping; notifications are held while it flaps' },
  'alert.notify': { version: 1, subject: 'alert', description: 'Tell people about an incident now (delivery hooks act on this one)' },
  'alert.suppressed': { version: 1, subject: 'alert', description: 'A notification was not sent, with the reason (maintenance, notifications off, flapping, cut-off)' },
  'alert.resource_notifications': { version: 1, subject: 'resource', description: "A resource's alert notifications were turned off or on" },
};

export type EventType = string;

/** True when `type` matches `pattern`: an exact name, `prefix.*`, or `*`. */
export function eventMatches(pattern: string, type: string): boolean {
  if (pattern === '*' || pattern === type) return true;
  return pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1));
}

/** Patterns that name no known event (a typo in a webhook filter or hook), for a clear 400 or boot error. */
export function unknownPatterns(patterns: readonly string[], known: readonly string[] = Object.keys(EVENT_TYPES)): string[] {
  return patterns.filter((p) => !known.some((t) => eventMatches(p, t)));
}
