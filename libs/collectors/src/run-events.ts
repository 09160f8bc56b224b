import { Injectable } from '@nestjs/common';
import { CollectionRunEntity, RunKind, RunOutcome } from '@tally/database';
import { EventsService, LatestEvent, NewEvent } from '@tally/events';
import { CollectTargetsService } from '@tally/inventory';
import { EntityManager } from 'typeorm';

/** What a run is, as its events carry it. */
export interface RunRef {
  id: string;
  kind: RunKind;
  slot: Date;
}

/**
 * node.up of each polled node in a batch, by resource id: true when it answered. Only nodes
 * whose reading carries node.up are in it: a missing value is never read as down.
 */
export type HostStates = ReadonlyMap<string, boolean>;

/** A transition between two named states, as the worker's events record it. */
interface Flip {
  subjectType: string;
  /** [bad event, good event]: the subject is bad when its latest of the two is the first. */
  pair: readonly [string, string];
}
const COLLECTION: Flip = { subjectType: 'resource', pair: ['resource.collection_failed', 'resource.collection_recovered'] };
const HOST: Flip = { subjectType: 'resource', pair: ['host.down', 'host.up'] };
const CACHE: Flip = { subjectType: 'cluster', pair: ['cluster.cache_failed', 'cluster.cache_recovered'] };

/**
 * The worker's happenings as events, written in the transaction that records them (design §8):
 * a run starting and finishing, and a state change of a resource's collection, a node's
 * node.up or a cluster's pre-cache. A change is judged against the subject's latest event of
 * the pair, not against every failure: a target failing twice records one failure, a replayed
 * batch finds its own events and records nothing. The first failure of a subject counts as a
 * change; a first success does not (nothing was wrong).
 */
@Injectable()
export class RunEvents {
  constructor(
    private readonly events: EventsService,
    private readonly targets: CollectTargetsService,
  ) {}

  /** An operator asked for a run through the API (the event carries who); `created` is false when the slot's run existed. */
  requested(tx: EntityManager, run: CollectionRunEntity, created: boolean, resourceIds: readonly string[]): Promise<string> {
    const data = { run: { id: run.id, kind: run.kind, slot: run.slot.toISOString(), state: run.state }, created, resourceIds };
    return this.events.record(tx, { type: 'collection.requested', subject: { type: 'collection_run', id: run.id }, data });
  }

  started(tx: EntityManager, run: CollectionRunEntity): Promise<string> {
    const data = { run: { id: run.id, kind: run.kind, slot: run.slot.toISOString(), trigger: run.trigger, total: run.total } };
    return this.events.record(tx, { type: 'collection.started', subject: { type: 'collection_run', id: run.id }, data });
  }

  finished(tx: EntityManager, run: Pick<CollectionRunEntity, 'id' | 'kind' | 'slot' | 'state' | 'total' | 'okCount' | 'errorCount' | 'sampleCount'>): Promise<string> {
    const { id, kind, state, total, okCount, errorCount, sampleCount } = run;
    const data = { run: { id, kind, slot: run.slot.toISOString(), state, total, okCount, errorCount, sampleCount } };
    return this.events.record(tx, { type: 'collection.finished', subject: { type: 'collection_run', id }, data });
  }

  /** State changes among these outcomes (and node.up values) of one run. */
  async outcomes(tx: EntityManager, run: RunRef, outcomes: readonly RunOutcome[], hosts: HostStates = new Map()): Promise<void> {
    if (run.kind === 'precache') return this.caches(tx, run, outcomes);
    const ok = new Map(outcomes.map((o) => [o.target, o]));
    const failing = await this.changed(tx, COLLECTION, new Map([...ok].map(([id, o]) => [id, o.ok])));
    const down = await this.changed(tx, HOST, hosts);
    const owners = await this.targets.owners(tx, [...new Set([...failing.keys(), ...down.keys()])]);
    // A resource deactivated or deleted since it was asked for has no state left to change.
    for (const flips of [failing, down]) for (const id of flips.keys()) if (!owners.get(id)?.active) flips.delete(id);
    const slot = run.slot.toISOString();
    const events: NewEvent[] = [];
    const about = (id: string) => ({ resourceId: id, name: owners.get(id)!.name, runId: run.id, slot });
    const event = (type: string, id: string, data: Record<string, unknown>): NewEvent =>
      ({ type, subject: { type: 'resource', id }, clientId: owners.get(id)!.clientId, data: { ...about(id), ...data } });
    for (const [id, since] of failing) {
      events.push(since === undefined
        ? event(COLLECTION.pair[0], id, { reason: ok.get(id)?.reason ?? null })
        : event(COLLECTION.pair[1], id, { failedSince: since }));
    }
    for (const [id, since] of down) {
      events.push(since === undefined
        ? event(HOST.pair[0], id, { reason: ok.get(id)?.reason ?? null })
        : event(HOST.pair[1], id, { downSince: since }));
    }
    await this.events.recordAll(tx, events);
  }

  /** Pre-cache outcomes are by cluster FQDN; the event is about the cluster row when there is one. */
  private async caches(tx: EntityManager, run: RunRef, outcomes: readonly RunOutcome[]): Promise<void> {
    const ids = await this.targets.clusterIds(tx, outcomes.map((o) => o.target));
    const subjectOf = (fqdn: string) => ids.get(fqdn) ?? fqdn;
    const byFqdn = new Map(outcomes.map((o) => [o.target, o]));
    const flips = await this.changed(tx, CACHE, new Map(outcomes.map((o) => [subjectOf(o.target), o.ok])));
    const events: NewEvent[] = [];
    for (const [fqdn, o] of byFqdn) {
      const subject = subjectOf(fqdn);
      if (!flips.has(subject)) continue;
      const since = flips.get(subject);
      const data = { clusterId: ids.get(fqdn) ?? null, fqdn, runId: run.id, slot: run.slot.toISOString(), ...(since === undefined ? { reason: o.reason ?? null } : { failedSince: since }) };
      events.push({ type: CACHE.pair[since === undefined ? 0 : 1], subject: { type: 'cluster', id: subject }, data });
    }
    await this.events.recordAll(tx, events);
  }

  /**
   * Subjects whose state changed: id → undefined when it went bad, or → since when (the slot,
   * or failing that the time, of the event that made it bad) when it came good again.
   */
  private async changed(tx: EntityManager, flip: Flip, good: ReadonlyMap<string, boolean>): Promise<Map<string, string | undefined>> {
    const latest = await this.events.latestOf(tx, flip.subjectType, [...good.keys()], flip.pair);
    const out = new Map<string, string | undefined>();
    for (const [id, isGood] of good) {
      const last: LatestEvent | undefined = latest.get(id);
      const bad = last?.type === flip.pair[0];
      if (!isGood && !bad) out.set(id, undefined);
      else if (isGood && bad) out.set(id, String(last!.data.slot ?? last!.occurredAt.toISOString()));
    }
    return out;
  }
}
