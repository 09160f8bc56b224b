/**
 * The worker has no HTTP server, so its health is a file it refreshes (HeartbeatService) and a
 * command that reads it (health.ts): what a container healthcheck, systemd or a cron job can
 * run in the worker's own environment, without a port to open or to protect.
 */
export const HEARTBEAT_EVERY_MS = 10_000;
/** Three missed beats: an event loop blocked this long, or a process gone, is not healthy. */
export const HEARTBEAT_STALE_MS = 3 * HEARTBEAT_EVERY_MS;

export interface Check { status: 'up' | 'down'; error?: string }

export interface Heartbeat {
  pid: number;
  /** When this beat was written (ISO). */
  at: string;
  status: 'up' | 'down' | 'stopping';
  checks: { postgres: Check; redis: Check; queues: { queue: string; running: boolean }[] };
}

export interface Verdict { healthy: boolean; message: string }

/** Whether a heartbeat read at `now` says the worker is healthy, and why (not). Pure. */
export function judge(beat: Heartbeat | undefined, now: number, alive: (pid: number) => boolean, file: string): Verdict {
  if (!beat) return { healthy: false, message: `no heartbeat in ${file}: the worker has not started, or writes its heartbeat elsewhere (TALLY_WORKER_HEALTH_PATH)` };
  const age = Math.round((now - Date.parse(beat.at)) / 1000);
  if (!alive(beat.pid)) return { healthy: false, message: `the worker (pid ${beat.pid}) is gone; its last heartbeat was ${age} s ago` };
  if (beat.status === 'stopping') return { healthy: false, message: `the worker (pid ${beat.pid}) is stopping` };
  if (!(now - Date.parse(beat.at) <= HEARTBEAT_STALE_MS)) {
    return { healthy: false, message: `the worker's last heartbeat is ${age} s old (more than ${HEARTBEAT_STALE_MS / 1000} s): it is stuck` };
  }
  const { postgres, redis, queues } = beat.checks;
  const problems = [
    ...(postgres.status === 'up' ? [] : [`postgres down (${postgres.error})`]),
    ...(redis.status === 'up' ? [] : [`redis down (${redis.error})`]),
    ...queues.filter((q) => !q.running).map((q) => `queue ${q.queue} not processing`),
  ];
  if (problems.length || beat.status !== 'up') return { healthy: false, message: `worker (pid ${beat.pid}) unhealthy ${age} s ago: ${problems.join('; ') || beat.status}` };
  return { healthy: true, message: `worker (pid ${beat.pid}) up ${age} s ago: postgres up, redis up, processing ${queues.map((q) => q.queue).join(', ')}` };
}
