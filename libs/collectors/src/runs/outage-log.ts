import { Injectable } from '@nestjs/common';

export type Dependency = 'Redis' | 'Postgres';

export interface Outage {
  dependency: Dependency;
  from: Date;
  /** null while it lasts. */
  to: Date | null;
}

/** Outages older than this are forgotten: no reconciler looks back that far. */
const KEEP_MS = 31 * 86_400_000;

/**
 * What this process saw of its dependencies: when each went away and came back, and when the
 * process started. In memory on purpose: it only words the reason a slot was missed ("Redis
 * unavailable from … to …"); nothing is decided from it. The worker's dependency watch feeds
 * it; a process that never feeds it (the API) has no outages to tell.
 */
@Injectable()
export class OutageLog {
  readonly startedAt = new Date();
  private readonly outages: Outage[] = [];

  down(dependency: Dependency, at = new Date()): void {
    if (this.current(dependency)) return;
    this.outages.push({ dependency, from: at, to: null });
    const cutoff = at.getTime() - KEEP_MS;
    while (this.outages.length && (this.outages[0].to?.getTime() ?? Infinity) < cutoff) this.outages.shift();
  }

  /** Returns the outage that just ended, if there was one. */
  up(dependency: Dependency, at = new Date()): Outage | undefined {
    const open = this.current(dependency);
    if (open) open.to = at;
    return open;
  }

  isDown(dependency: Dependency): boolean {
    return !!this.current(dependency);
  }

  /** Outages that overlap [from, to]. */
  during(from: Date, to: Date): Outage[] {
    return this.outages.filter((o) => o.from.getTime() <= to.getTime() && (o.to?.getTime() ?? Infinity) >= from.getTime()).map((o) => ({ ...o }));
  }

  private current(dependency: Dependency): Outage | undefined {
    return this.outages.find((o) => o.dependency === dependency && !o.to);
  }
}
