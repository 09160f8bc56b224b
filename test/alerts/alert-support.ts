import { AlertEvaluator } from '@tally/alerts';
import type { TestApi } from '../support/api-app';
import { assign, insertResource, insertSamples, makeTenant, uniq } from '../support/factories';

export const SLOT_MS = 30 * 60_000;

/** A resource of a fresh tenant that carries one fresh push gauge (or counter), for hand-made series. */
export async function seriesFixture(api: TestApi, kind: 'gauge' | 'counter' = 'gauge') {
  const tenant = await makeTenant(api);
  const resourceId = await insertResource(api.db, tenant.project.id, uniq('host'), { type: 'node' });
  const measurement = uniq('alerttest').replace('-', '.');
  // Through the API, so the catalog cache that rule validation reads knows it at once.
  await api.as(api.adminKey).post('/api/v1/measurements').send({ key: measurement, kind, unit: 'percent' }).expect(201);
  const [{ id: measurementId }] = await api.db.query(`SELECT id FROM measurements WHERE key = $1`, [measurement]);
  await assign(api.db, resourceId, measurementId);
  return { ...tenant, resourceId, measurement, measurementId };
}

/**
 * Feeds a series one slot at a time, evaluating after each as the worker does after a
 * persist: a number is a sample, null a slot without one.
 */
export function feeder(api: TestApi, f: { resourceId: string; measurementId: number }, start: string) {
  const evaluator = api.app.get(AlertEvaluator);
  let i = 0;
  return {
    async feed(...values: (number | null)[]) {
      for (const v of values) {
        const ts = new Date(Date.parse(start) + i++ * SLOT_MS);
        if (v !== null) await insertSamples(api.db, f.resourceId, f.measurementId, [{ ts: ts.toISOString(), value: v }]);
        await evaluator.evaluate(ts, [f.resourceId]);
      }
    },
    get next() {
      return new Date(Date.parse(start) + i * SLOT_MS);
    },
  };
}

export interface AlertEvent {
  id: string;
  type: string;
  data: { incident: { id: number; status: string; severity: string; suppressed: string | null } | null; reason?: string; would?: string; flapping?: boolean };
  actor_key_name: string | null;
  actor_key_id: string | null;
}

/** The alert.* events of one rule, in log order. */
export async function alertEvents(api: TestApi, ruleId: string): Promise<AlertEvent[]> {
  return api.db.query(
    `SELECT id, type, data, actor_key_name, actor_key_id FROM events
      WHERE type LIKE 'alert.%' AND (data->'incident'->>'ruleId' = $1 OR subject_id LIKE 'rule:' || $1 || ':%') ORDER BY id`,
    [ruleId],
  );
}

export const notifies = (events: AlertEvent[]) => events.filter((e) => e.type === 'alert.notify').map((e) => e.data.reason);
export const types = (events: AlertEvent[]) => events.map((e) => e.type);
