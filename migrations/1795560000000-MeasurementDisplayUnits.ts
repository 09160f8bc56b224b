import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each measurement's usage is shown (issue 13): a display unit that converts exactly from
 * the usage unit, and the decimal places shown. NULL means the usage unit itself, so rows
 * inserted without it (custom measurements, test fixtures) need nothing; built-ins get the
 * units people read (keep in step with BUILTIN_MEASUREMENTS).
 */
const BUILTIN_DISPLAY: [key: string, unit: string, places: number][] = [
  ['ganeti.vcpus', 'vCPU·h', 3],
  ['ganeti.memory', 'GiB·h', 3],
  ['ganeti.disk', 'GiB·month', 3],
  ['ganeti.running', 'h', 2],
  ['node.up', 'h', 2],
  ['cpu.count', 'CPU·h', 3],
  ['cpu.busy', 'CPU·h', 3],
  ['memory.total', 'GiB·h', 3],
  ['memory.used', 'GiB·h', 3],
  ['disk.total', 'GiB·month', 3],
  ['disk.used', 'GiB·month', 3],
  ['net.rx', 'GiB', 3],
  ['net.tx', 'GiB', 3],
  ['load.1m', 'h', 3],
];

export class MeasurementDisplayUnits1795560000000 implements MigrationInterface {
  name = 'MeasurementDisplayUnits1795560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE measurements
        ADD COLUMN display_unit text,
        ADD COLUMN display_places smallint NOT NULL DEFAULT 3,
        ADD CONSTRAINT measurements_display_places_check CHECK (display_places BETWEEN 0 AND 12)`);
    await q.query(
      `UPDATE measurements m SET display_unit = d.unit, display_places = d.places
         FROM unnest($1::text[], $2::text[], $3::smallint[]) AS d(key, unit, places)
        WHERE m.key = d.key AND m.builtin`,
      [BUILTIN_DISPLAY.map((d) => d[0]), BUILTIN_DISPLAY.map((d) => d[1]), BUILTIN_DISPLAY.map((d) => d[2])],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE measurements DROP COLUMN display_places, DROP COLUMN display_unit`);
  }
}
