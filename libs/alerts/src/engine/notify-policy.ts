/** Why a notification is wanted. */
export type NotifyReason = 'triggered' | 'escalated' | 'deescalated' | 'renotify' | 'recovered' | 'flapping_started' | 'flapping_stopped';

export interface NotifyContext {
  reason: NotifyReason;
  /** Notifications already sent for the incident. */
  sent: number;
  maxNotifications: number;
  acknowledged: boolean;
  flapping: boolean;
  /** The first maintenance window covering the subject now, by name. */
  maintenance?: string;
  ruleNotificationsOff: boolean;
  resourceMuted: boolean;
}

export type NotifyDecision = { send: true } | { send: false; reason: string } | { send: false; reason: null };

/**
 * Whether to send a notification now, or which reason holds it back (recorded as
 * alert.suppressed). `reason: null` means there is nothing to tell (a recovery nobody was told
 * about the start of) and nothing to record. Suppressions never touch evaluation.
 */
export function decide(c: NotifyContext): NotifyDecision {
  // A recovery or flapping end tells something only to those who heard the start.
  if ((c.reason === 'recovered' || c.reason === 'flapping_stopped') && c.sent === 0) return { send: false, reason: null };
  if (c.maintenance) return { send: false, reason: `maintenance: ${c.maintenance}` };
  if (c.ruleNotificationsOff) return { send: false, reason: 'rule notifications off' };
  if (c.resourceMuted) return { send: false, reason: 'resource notifications off' };
  const problem = c.reason === 'triggered' || c.reason === 'escalated' || c.reason === 'deescalated' || c.reason === 'renotify';
  if (c.flapping && (problem || c.reason === 'recovered')) return { send: false, reason: 'flapping' };
  if (c.reason === 'renotify' && c.acknowledged) return { send: false, reason: 'acknowledged' };
  if (problem && c.sent >= c.maxNotifications) return { send: false, reason: `cut-off after ${c.maxNotifications}` };
  return { send: true };
}
