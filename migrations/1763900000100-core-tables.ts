import { MigrationInterface, QueryRunner } from 'typeorm';

/** The core data model. Enum-like columns are text + CHECK so that adding a value is a one-line migration. */
export class CoreTables1763900000100 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        parent_id uuid REFERENCES agencies(id) ON DELETE RESTRICT,
        jurisdiction geometry(MultiPolygon, 4326),
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX agencies_parent_idx ON agencies (parent_id)`);
    await q.query(`CREATE INDEX agencies_jurisdiction_gist ON agencies USING gist (jurisdiction)`);

    // A user with no password_hash is a reporter record (a hotline caller without an account); registering
    // with the same phone turns it into a citizen account, so earlier reports follow the person.
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text UNIQUE,
        phone text UNIQUE,
        password_hash text,
        full_name text NOT NULL DEFAULT '',
        roles text[] NOT NULL DEFAULT '{}',
        agency_id uuid REFERENCES agencies(id) ON DELETE RESTRICT,
        is_active boolean NOT NULL DEFAULT true,
        anonymised_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (roles <@ ARRAY['citizen','operator','screener','agency_officer','agency_leader','leader','admin']::text[]),
        CHECK (NOT (roles && ARRAY['agency_officer','agency_leader']::text[]) OR agency_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX users_agency_idx ON users (agency_id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);

    await q.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        group_code text,
        default_priority text NOT NULL DEFAULT 'normal' CHECK (default_priority IN ('normal','urgent')),
        calendar text NOT NULL DEFAULT 'office' CHECK (calendar IN ('office','24x7')),
        sla jsonb NOT NULL,
        escalation jsonb NOT NULL,
        default_agency_id uuid REFERENCES agencies(id) ON DELETE SET NULL,
        duplicate_radius_m integer NOT NULL DEFAULT 150 CHECK (duplicate_radius_m BETWEEN 0 AND 1000),
        location_bound boolean NOT NULL DEFAULT true,
        auto_assign boolean NOT NULL DEFAULT false,
        attributes jsonb NOT NULL DEFAULT '[]',
        sort_order integer NOT NULL DEFAULT 0,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE calendar_exceptions (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('off','working')),
        note text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE hotline_calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        external_call_id text UNIQUE,
        caller_phone text NOT NULL,
        caller_name text,
        caller_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        operator_id uuid NOT NULL REFERENCES users(id),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        outcome text NOT NULL CHECK (outcome IN ('new_report','existing_report','consultation','other')),
        notes text,
        report_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX hotline_calls_caller_idx ON hotline_calls (caller_phone, started_at DESC)`);
    await q.query(`CREATE INDEX hotline_calls_started_idx ON hotline_calls (started_at)`);

    await q.query(`CREATE SEQUENCE report_code_seq`);
    await q.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN
          ('received','need_info','assigned','in_progress','pending_review','resolved','closed','cancelled')),
        cancel_reason text CHECK (cancel_reason IN ('duplicate','not_eligible','withdrawn','no_response','spam')),
        duplicate_of_id uuid REFERENCES reports(id),
        category_id uuid NOT NULL REFERENCES categories(id),
        agency_id uuid REFERENCES agencies(id),
        suggested_agency_id uuid REFERENCES agencies(id),
        priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal','urgent')),
        channel text NOT NULL CHECK (channel IN ('app','web','zalo','hotline','open311','email')),
        title text,
        description text NOT NULL,
        description_norm text GENERATED ALWAYS AS (pa_unaccent(description)) STORED,
        location geography(Point, 4326) NOT NULL,
        address text,
        reporter_id uuid REFERENCES users(id),
        hotline_call_id uuid REFERENCES hotline_calls(id),
        is_public boolean NOT NULL DEFAULT true,
        hide_identity boolean NOT NULL DEFAULT false,
        allow_contact boolean NOT NULL DEFAULT true,
        stage text CHECK (stage IN ('screening','acknowledge','resolution','review')),
        stage_version integer NOT NULL DEFAULT 0,
        due_at timestamptz,
        resolution_due_at timestamptz,
        paused_at timestamptz,
        paused_from_status text,
        paused_remaining_minutes integer,
        escalation_level smallint NOT NULL DEFAULT 0,
        reminded_at timestamptz,
        was_overdue boolean NOT NULL DEFAULT false,
        extension_count smallint NOT NULL DEFAULT 0,
        extension_request jsonb,
        result jsonb,
        rated boolean NOT NULL DEFAULT false,
        rating_satisfied boolean,
        rating_comment text,
        rated_at timestamptz,
        first_assigned_at timestamptz,
        handled_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        cancelled_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE hotline_calls ADD FOREIGN KEY (report_id) REFERENCES reports(id)`);
    await q.query(`CREATE INDEX reports_location_gist ON reports USING gist (location)`);
    await q.query(`CREATE INDEX reports_description_trgm ON reports USING gin (description_norm gin_trgm_ops)`);
    await q.query(`CREATE INDEX reports_status_created_idx ON reports (status, created_at DESC)`);
    await q.query(`CREATE INDEX reports_agency_status_idx ON reports (agency_id, status, due_at)`);
    await q.query(`CREATE INDEX reports_category_created_idx ON reports (category_id, created_at DESC)`);
    await q.query(`CREATE INDEX reports_reporter_idx ON reports (reporter_id, created_at DESC)`);
    await q.query(`CREATE INDEX reports_created_idx ON reports (created_at)`);
    await q.query(`CREATE INDEX reports_due_open_idx ON reports (due_at) WHERE due_at IS NOT NULL`);
    await q.query(
      `CREATE INDEX reports_duplicate_of_idx ON reports (duplicate_of_id) WHERE duplicate_of_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE report_followers (
        report_id uuid NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        via text NOT NULL DEFAULT 'follow' CHECK (via IN ('follow','duplicate')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, user_id)
      )`);
    await q.query(`CREATE INDEX report_followers_user_idx ON report_followers (user_id)`);

    // The timeline is append-only and doubles as the outbox: dispatched_at stays NULL until the worker has
    // fanned the event out, so a relay can re-enqueue whatever a crash left behind.
    await q.query(`
      CREATE TABLE report_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        report_id uuid NOT NULL REFERENCES reports(id),
        type text NOT NULL,
        from_status text,
        to_status text,
        actor_id uuid REFERENCES users(id),
        actor_roles text[] NOT NULL DEFAULT '{}',
        internal boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    await q.query(`CREATE INDEX report_events_report_idx ON report_events (report_id, seq)`);
    await q.query(`CREATE INDEX report_events_undispatched_idx ON report_events (seq) WHERE dispatched_at IS NULL`);

    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users(id),
        report_id uuid REFERENCES reports(id),
        event_id uuid REFERENCES report_events(id),
        mime_type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        storage_key text NOT NULL,
        public_storage_key text,
        width integer,
        height integer,
        is_public boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX attachments_report_idx ON attachments (report_id)`);
    await q.query(
      `CREATE INDEX attachments_unused_idx ON attachments (created_at) WHERE report_id IS NULL AND event_id IS NULL`,
    );

    await q.query(`
      CREATE TABLE devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token text NOT NULL UNIQUE,
        platform text NOT NULL CHECK (platform IN ('android','ios','web')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX devices_user_idx ON devices (user_id)`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        event_id uuid REFERENCES report_events(id),
        report_id uuid REFERENCES reports(id),
        type text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, event_id)
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_by uuid REFERENCES users(id),
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Replays of a create with the same Idempotency-Key return the stored response instead of a new report.
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys',
      'api_keys',
      'notifications',
      'devices',
      'attachments',
      'report_events',
      'report_followers',
      'hotline_calls',
      'reports',
      'calendar_exceptions',
      'categories',
      'refresh_tokens',
      'users',
      'agencies',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP SEQUENCE IF EXISTS report_code_seq`);
  }
}
