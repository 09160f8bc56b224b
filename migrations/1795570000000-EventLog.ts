import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log (design §8): every change and notable happening, written in the transaction
 * of the change it reports, so none is lost or invented. It doubles as the outbox the
 * worker's relay reads, and as the audit trail (the events that carry an actor).
 *
 * - Commit order. Ids are assigned at insert but transactions commit in any order, so a relay
 *   that read "id > last seen" could skip an event committed late. Each event-writing
 *   transaction therefore takes a number at commit (event_commits.seq, from a deferred trigger
 *   under an advisory lock held until the commit is visible): numbers become visible in
 *   order, so the relay reads (seq, id) > its cursor and nothing can appear behind it later.
 *   `tx` (the writing transaction's id, stamped by a trigger) links an event to its number.
 *   Only these transactions' commits queue for the lock, for the instant of committing.
 * - Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE for every role, and the
 *   table's ordinary privileges for them are revoked, from the migrating role (normally
 *   the owner the app connects as) too. docs/deployment.md says how to run the app as a role
 *   that cannot even drop the trigger.
 */
export class EventLog1795570000000 implements MigrationInterface {
  name = 'EventLog1795570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tx bigint NOT NULL,
        type text NOT NULL,
        version smallint NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        client_id uuid,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        actor_key_id uuid,
        actor_key_name text,
        actor_role text,
        request_id text,
        actor_address text,
        data jsonb NOT NULL DEFAULT '{}',
        changes jsonb
      )`);
    await q.query(`CREATE INDEX events_tx_id_idx ON events (tx, id)`);
    await q.query(`CREATE INDEX events_client_id_idx ON events (client_id, id)`);
    await q.query(`CREATE INDEX events_subject_idx ON events (subject_type, subject_id, id)`);
    await q.query(`CREATE INDEX events_type_idx ON events (type, id)`);
    await q.query(`CREATE INDEX events_occurred_at_idx ON events (occurred_at)`);
    await q.query(`CREATE INDEX events_actor_key_id_idx ON events (actor_key_id, id) WHERE actor_key_id IS NOT NULL`);
    // Set by the database, never by the writer: the relay's order must be the real transaction's.
    await q.query(`
      CREATE FUNCTION tally_events_stamp_tx() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.tx := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER events_stamp_tx BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION tally_events_stamp_tx()`);
    await q.query(`
      CREATE FUNCTION tally_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION tally_events_append_only()`);
    await q.query(`CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION tally_events_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON events FROM PUBLIC`);
    await q.query(`DO $$ BEGIN EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON events FROM %I', current_user); END $$`);
    // Wakes the worker's relay at commit (one notification per transaction, whatever it wrote).
    await q.query(`
      CREATE FUNCTION tally_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tally_events', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION tally_events_notify()`);
    await q.query(`
      CREATE TABLE event_commits (
        seq bigint PRIMARY KEY,
        tx bigint NOT NULL,
        committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT event_commits_tx_key UNIQUE (tx)
      )`);
    await q.query(`CREATE SEQUENCE event_commit_seq`);
    // Runs at commit, once per event row; the first numbers the transaction, the rest find it.
    // The lock is held until the commit is visible, so a later number never shows before an earlier.
    await q.query(`
      CREATE FUNCTION tally_events_commit_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM event_commits WHERE tx = NEW.tx) THEN
          PERFORM pg_advisory_xact_lock(hashtext('tally_event_commits'));
          INSERT INTO event_commits (seq, tx) VALUES (nextval('event_commit_seq'), NEW.tx);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER events_commit_order AFTER INSERT ON events
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tally_events_commit_order()`);
    // One row per after-hook consumer: the last event it has handled, in relay order.
    await q.query(`
      CREATE TABLE event_cursors (
        consumer text PRIMARY KEY,
        seq bigint NOT NULL,
        event_id bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_cursors`);
    await q.query(`DROP TABLE events`);
    await q.query(`DROP FUNCTION tally_events_commit_order()`);
    await q.query(`DROP SEQUENCE event_commit_seq`);
    await q.query(`DROP TABLE event_commits`);
    await q.query(`DROP FUNCTION tally_events_notify()`);
    await q.query(`DROP FUNCTION tally_events_stamp_tx()`);
    await q.query(`DROP FUNCTION tally_events_append_only()`);
  }
}
