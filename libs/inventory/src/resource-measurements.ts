import { Injectable } from '@nestjs/common';
import { MeasurementSource } from '@tally/database';
import { EntityManager } from 'typeorm';
import { badRequest } from './inventory-rules';

/** The collector that feeds each collected type; other types accept any catalog measurement (pushed). */
const COLLECTOR_OF: Record<string, MeasurementSource> = { 'ganeti-vm': 'ganeti', node: 'ssh' };

/** Which measurements a resource collects (the resource_measurements rows), by catalog key. */
@Injectable()
export class ResourceMeasurements {
  /**
   * Catalog ids for `keys`. Unknown keys are refused, and so are keys another collector feeds
   * (a node never yields ganeti.vcpus): they would stay empty forever and look like missing data.
   */
  async resolve(tx: EntityManager, type: string, keys: string[]): Promise<number[]> {
    const unique = [...new Set(keys)];
    if (!unique.length) return [];
    const rows: { id: number; key: string; source: MeasurementSource }[] = await tx.query(
      `SELECT id, key, source FROM measurements WHERE key = ANY($1::text[])`,
      [unique],
    );
    const known = new Map(rows.map((m) => [m.key, m]));
    const unknown = unique.filter((k) => !known.has(k));
    if (unknown.length) throw badRequest('measurements', `unknown measurement key(s): ${unknown.join(', ')}`);
    const own = COLLECTOR_OF[type];
    const foreign = rows.filter((m) => m.source !== 'push' && own !== undefined && m.source !== own);
    if (foreign.length) {
      throw badRequest('measurements', `${foreign.map((m) => m.key).join(', ')} cannot be collected for type ${type} (it reads ${own} measurements)`);
    }
    return rows.map((m) => m.id);
  }

  async replace(tx: EntityManager, resourceId: string, measurementIds: number[]): Promise<void> {
    await tx.query(`DELETE FROM resource_measurements WHERE resource_id = $1`, [resourceId]);
    if (!measurementIds.length) return;
    await tx.query(
      `INSERT INTO resource_measurements (resource_id, measurement_id) SELECT $1, unnest($2::smallint[])`,
      [resourceId, measurementIds],
    );
  }

  /** Measurement keys per resource, sorted, for a page of resources in one query. */
  async keysOf(db: EntityManager, resourceIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!resourceIds.length) return out;
    const rows: { resource_id: string; key: string }[] = await db.query(
      `SELECT rm.resource_id, m.key FROM resource_measurements rm JOIN measurements m ON m.id = rm.measurement_id
        WHERE rm.resource_id = ANY($1::uuid[]) ORDER BY m.key`,
      [resourceIds],
    );
    for (const r of rows) out.set(r.resource_id, [...(out.get(r.resource_id) ?? []), r.key]);
    return out;
  }
}
