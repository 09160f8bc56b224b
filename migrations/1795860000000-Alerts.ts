import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts (design §9), owned by libs/alerts:
 * - alert_rules: what to watch (one measurement over a scope) and how loudly to tell.
 * - alert_series: the evaluation state of one rule over one subject (a resource, or a client
 *   for budget rules). Only series that are not plainly ok have a row, so a slot of 100,000
 *   healthy resources writes nothing here.
 * - alert_incidents: numbered (the ack link says "incident N"); one open per series at most.
 * - maintenance_windows and alert_resource_mutes: suppress notifications, never evaluation.
 */
export class Alerts1795860000000 implements MigrationInterface {
  name = 'Alerts1795860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('threshold', 'budget')),
        measurement_id smallint NOT NULL REFERENCES measurements (id) ON DELETE RESTRICT,
        scope_type text NOT NULL CHECK (scope_type IN ('all', 'client', 'project', 'resource', 'resource_type')),
        scope_id text,
        client_id uuid REFERENCES clients (id) ON DELETE CASCADE,
        comparison text NOT NULL CHECK (comparison IN ('>', '>=', '<', '<=')),
        warn double precision,
        crit double precision,
        for_evaluations integer NOT NULL DEFAULT 3,
        nodata_after integer NOT NULL DEFAULT 3,
        time_zone text NOT NULL DEFAULT 'UTC',
        max_notifications integer NOT NULL DEFAULT 3,
        renotify_minutes integer NOT NULL DEFAULT 240,
        notifications_enabled boolean NOT NULL DEFAULT true,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX alert_rules_client_id_idx ON alert_rules (client_id)`);
    await q.query(`
      CREATE TABLE alert_series (
        rule_id uuid NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
        subject_id uuid NOT NULL,
        state text NOT NULL DEFAULT 'ok',
        candidate text,
        candidate_count integer NOT NULL DEFAULT 0,
        missing_count integer NOT NULL DEFAULT 0,
        history text NOT NULL DEFAULT '',
        flapping boolean NOT NULL DEFAULT false,
        last_ts timestamptz,
        last_value double precision,
        PRIMARY KEY (rule_id, subject_id)
      )`);
    await q.query(`
      CREATE TABLE alert_incidents (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        rule_id uuid NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        client_id uuid,
        severity text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'recovered')),
        value double precision,
        opened_at timestamptz NOT NULL,
        escalated_at timestamptz,
        recovered_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by text,
        notifications integer NOT NULL DEFAULT 0,
        last_notified_at timestamptz,
        suppressed text,
        flapping boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE UNIQUE INDEX alert_incidents_open_idx ON alert_incidents (rule_id, subject_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX alert_incidents_client_id_idx ON alert_incidents (client_id, id)`);
    await q.query(`CREATE INDEX alert_incidents_subject_idx ON alert_incidents (subject_id, id)`);
    await q.query(`
      CREATE TABLE maintenance_windows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        scope_type text NOT NULL CHECK (scope_type IN ('all', 'client', 'project', 'resource')),
        scope_id uuid,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        recurrence text NOT NULL DEFAULT 'none' CHECK (recurrence IN ('none', 'daily', 'weekly')),
        weekdays smallint[] NOT NULL DEFAULT '{}',
        start_time text,
        duration_minutes integer,
        time_zone text NOT NULL DEFAULT 'UTC',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE alert_resource_mutes (
        resource_id uuid PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
        reason text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert_resource_mutes`);
    await q.query(`DROP TABLE maintenance_windows`);
    await q.query(`DROP TABLE alert_incidents`);
    await q.query(`DROP TABLE alert_series`);
    await q.query(`DROP TABLE alert_rules`);
  }
}
