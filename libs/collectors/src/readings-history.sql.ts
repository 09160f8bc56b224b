/** How far back a node's previous boot id is looked for; a node down longer than this is not said to have rebooted. */
export const BOOT_LOOKBACK_MS = 31 * 86_400_000;

/**
 * What the persist step needs to know of each node's past, by index probes whose cost does not
 * grow with history (bench/history):
 * - `boot_id`: the latest boot id before the slot, read from one series the reading carries
 *   (every value of a poll carries its boot id), newest first on the key (resource_id,
 *   measurement_id, ts). The lower bound prunes partitions older than BOOT_LOOKBACK_MS, and
 *   the ordered scan stops at its first hit. (Filtering on resource_id alone read every
 *   earlier sample of the node: the key gives no ts order for it.)
 * - `later` (only for a reading persisted after its slot ended): whether any of its
 *   measurements already has a sample after the slot; a forward probe per series.
 *
 * Parameters: $1 resource ids, $2 the series probed per resource (measurement id), $3 the
 * slot, $4 the slot − BOOT_LOOKBACK_MS, $5 whether the readings are late.
 */
export const READINGS_HISTORY_SQL = `
SELECT u.id,
       (SELECT s.boot_id FROM samples s
         WHERE s.resource_id = u.id AND s.measurement_id = u.series AND s.ts < $3 AND s.ts >= $4 AND s.boot_id IS NOT NULL
         ORDER BY s.ts DESC LIMIT 1) AS boot_id,
       $5::boolean AND EXISTS (SELECT 1 FROM resources r, unnest(r.measurement_ids) AS m(id)
                WHERE r.id = u.id
                  AND EXISTS (SELECT 1 FROM samples s WHERE s.resource_id = u.id AND s.measurement_id = m.id AND s.ts > $3)) AS later
  FROM unnest($1::uuid[], $2::int[]) AS u(id, series)`;

export function readingsHistoryParams(resourceIds: readonly string[], series: readonly number[], slot: Date, late: boolean): unknown[] {
  return [resourceIds, series, slot.toISOString(), new Date(slot.getTime() - BOOT_LOOKBACK_MS).toISOString(), late];
}
