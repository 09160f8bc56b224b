import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema. Samples are range-partitioned by month on ts; partitions are made on
 * demand by tally_ensure_sample_partitions() so no month is ever missing and none is made
 * years ahead.
 */
export class InitialSchema1795460000000 implements MigrationInterface {
  name = 'InitialSchema1795460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        billing_ref text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT clients_name_key UNIQUE (name)
      )`);
    await q.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL,
        name text NOT NULL,
        description text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT projects_client_id_fkey FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE UNIQUE INDEX projects_client_id_name_key ON projects (client_id, name)`);
    await q.query(`
      CREATE TABLE credentials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL,
        username text,
        secret_ciphertext bytea NOT NULL,
        secret_iv bytea NOT NULL,
        secret_tag bytea NOT NULL,
        key_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT credentials_name_key UNIQUE (name)
      )`);
    await q.query(`
      CREATE TABLE clusters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fqdn text NOT NULL,
        rapi_url text NOT NULL,
        credential_id uuid,
        tls_mode text NOT NULL DEFAULT 'system',
        ca_certificate text,
        tls_fingerprint_sha256 text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT clusters_fqdn_key UNIQUE (fqdn),
        CONSTRAINT clusters_credential_id_fkey FOREIGN KEY (credential_id) REFERENCES credentials (id) ON DELETE RESTRICT
      )`);
    await q.query(`
      CREATE TABLE resources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        cluster_fqdn text,
        ssh_host text,
        ssh_port integer,
        ssh_user text,
        credential_id uuid,
        host_key_sha256 text,
        labels jsonb NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT resources_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE RESTRICT,
        CONSTRAINT resources_credential_id_fkey FOREIGN KEY (credential_id) REFERENCES credentials (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE UNIQUE INDEX resources_project_id_name_key ON resources (project_id, name)`);
    await q.query(`CREATE INDEX resources_cluster_fqdn_idx ON resources (cluster_fqdn)`);
    await q.query(`
      CREATE TABLE measurements (
        id smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key text NOT NULL,
        unit text NOT NULL,
        kind text NOT NULL,
        source text NOT NULL,
        description text NOT NULL,
        builtin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT measurements_key_key UNIQUE (key)
      )`);
    await q.query(`
      CREATE TABLE resource_measurements (
        resource_id uuid NOT NULL,
        measurement_id smallint NOT NULL,
        PRIMARY KEY (resource_id, measurement_id),
        CONSTRAINT resource_measurements_resource_id_fkey FOREIGN KEY (resource_id) REFERENCES resources (id) ON DELETE CASCADE,
        CONSTRAINT resource_measurements_measurement_id_fkey FOREIGN KEY (measurement_id) REFERENCES measurements (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX resource_measurements_measurement_id_idx ON resource_measurements (measurement_id)`);
    // No foreign keys on samples: the partitioned table is the hot path, and deletes of
    // resources with samples are refused by the API (billing history is never dropped).
    await q.query(`
      CREATE TABLE samples (
        resource_id uuid NOT NULL,
        measurement_id smallint NOT NULL,
        ts timestamptz NOT NULL,
        value double precision NOT NULL,
        boot_id uuid,
        PRIMARY KEY (resource_id, measurement_id, ts)
      ) PARTITION BY RANGE (ts)`);
    await q.query(`
      CREATE FUNCTION tally_ensure_sample_partitions(from_ts timestamptz, to_ts timestamptz)
      RETURNS void LANGUAGE plpgsql AS $fn$
      DECLARE
        month timestamp := date_trunc('month', from_ts AT TIME ZONE 'UTC');
        part text;
      BEGIN
        WHILE month <= (to_ts AT TIME ZONE 'UTC') LOOP
          part := 'samples_' || to_char(month, 'YYYY_MM');
          IF to_regclass(part) IS NULL THEN
            -- Two writers may meet the same new month; the lock makes one create it.
            PERFORM pg_advisory_xact_lock(hashtext('tally_samples_partitions'));
            IF to_regclass(part) IS NULL THEN
              EXECUTE format('CREATE TABLE %I PARTITION OF samples FOR VALUES FROM (%L) TO (%L)',
                part, month AT TIME ZONE 'UTC', (month + interval '1 month') AT TIME ZONE 'UTC');
            END IF;
          END IF;
          month := month + interval '1 month';
        END LOOP;
      END
      $fn$`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL,
        client_id uuid,
        scopes text[] NOT NULL DEFAULT '{}',
        prefix text NOT NULL,
        key_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT api_keys_client_id_fkey FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash)`);
    await q.query(`
      CREATE TABLE collection_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        slot timestamptz NOT NULL,
        state text NOT NULL DEFAULT 'queued',
        trigger text NOT NULL DEFAULT 'schedule',
        total integer NOT NULL DEFAULT 0,
        ok_count integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        sample_count integer NOT NULL DEFAULT 0,
        outcomes jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX collection_runs_kind_slot_key ON collection_runs (kind, slot)`);
    await q.query(`
      INSERT INTO measurements (key, kind, unit, source, description, builtin) VALUES
        ('ganeti.vcpus',   'gauge',   'vCPU', 'ganeti', 'Virtual CPUs assigned (beparams.vcpus)', true),
        ('ganeti.memory',  'gauge',   'MiB',  'ganeti', 'Memory assigned (beparams.maxmem, else beparams.memory)', true),
        ('ganeti.disk',    'gauge',   'MiB',  'ganeti', 'Sum of the instance disk sizes', true),
        ('ganeti.running', 'gauge',   'bool', 'ganeti', '1 when the instance status is running, else 0', true),
        ('node.up',        'gauge',   'bool', 'ssh',    '1 when the SSH poll succeeded, 0 when it failed', true),
        ('cpu.count',      'gauge',   'CPU',  'ssh',    'Online CPUs', true),
        ('cpu.busy',       'counter', 's',    'ssh',    'Busy CPU seconds from /proc/stat, guest time excluded', true),
        ('memory.total',   'gauge',   'byte', 'ssh',    'MemTotal', true),
        ('memory.used',    'gauge',   'byte', 'ssh',    'MemTotal minus MemAvailable', true),
        ('disk.total',     'gauge',   'byte', 'ssh',    'Size of local filesystems (df -B1 -P)', true),
        ('disk.used',      'gauge',   'byte', 'ssh',    'Used space on local filesystems (df -B1 -P)', true),
        ('net.rx',         'counter', 'byte', 'ssh',    'Bytes received on all interfaces but lo', true),
        ('net.tx',         'counter', 'byte', 'ssh',    'Bytes sent on all interfaces but lo', true),
        ('load.1m',        'gauge',   '',     'ssh',    'One-minute load average', true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE collection_runs`);
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP FUNCTION tally_ensure_sample_partitions(timestamptz, timestamptz)`);
    await q.query(`DROP TABLE samples`);
    await q.query(`DROP TABLE resource_measurements`);
    await q.query(`DROP TABLE measurements`);
    await q.query(`DROP TABLE resources`);
    await q.query(`DROP TABLE clusters`);
    await q.query(`DROP TABLE credentials`);
    await q.query(`DROP TABLE projects`);
    await q.query(`DROP TABLE clients`);
  }
}
