-- Turnstile data model, version 1: the whole of the product spec's section 4, plus audit_logs.
--
-- Rules (docs/data-model.md):
--  * money is integer minor units (bigint) plus an ISO 4217 currency code;
--  * time is timestamptz (UTC); each event carries an IANA time zone for display;
--  * every tenant-owned row has org_id, and row-level security keyed on the per-transaction
--    setting app.org_id hides every other organization's rows from the application role;
--  * every insert, update and delete of a tenant row is recorded, with before/after values and the
--    acting user (app.user_id), in the append-only audit_logs table;
--  * a child row references its parent through (org_id, parent_id), so that even a bug that skips
--    the application's checks cannot attach one organization's row to another's (foreign-key
--    checks do not see row-level security, composite keys make them tenant-aware).

-- ---------------------------------------------------------------------------------------------
-- Tenant context: set per transaction by the application with set_config(..., true).
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION app_org_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;

CREATE FUNCTION app_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

-- A time zone name PostgreSQL knows (the IANA database). Declared immutable so that a check
-- constraint may use it; the zone database only grows between PostgreSQL releases.
CREATE FUNCTION is_valid_time_zone(tz text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE
  AS $$
BEGIN
  IF tz IS NULL OR tz = '' OR tz ~ '^[+-]?[0-9]' THEN
    RETURN false;
  END IF;
  PERFORM now() AT TIME ZONE tz;
  RETURN true;
EXCEPTION WHEN invalid_parameter_value THEN
  RETURN false;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Reference data
-- ---------------------------------------------------------------------------------------------
CREATE TABLE currencies (
  code        char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
  minor_units smallint NOT NULL CHECK (minor_units BETWEEN 0 AND 4)
);
COMMENT ON TABLE currencies IS 'ISO 4217 currencies in circulation and their minor-unit exponent.';

INSERT INTO currencies (code, minor_units) VALUES
  ('AED', 2), ('AFN', 2), ('ALL', 2), ('AMD', 2), ('ANG', 2), ('AOA', 2), ('ARS', 2), ('AUD', 2),
  ('AWG', 2), ('AZN', 2), ('BAM', 2), ('BBD', 2), ('BDT', 2), ('BGN', 2), ('BHD', 3), ('BIF', 0),
  ('BMD', 2), ('BND', 2), ('BOB', 2), ('BOV', 2), ('BRL', 2), ('BSD', 2), ('BTN', 2), ('BWP', 2),
  ('BYN', 2), ('BZD', 2), ('CAD', 2), ('CDF', 2), ('CHE', 2), ('CHF', 2), ('CHW', 2), ('CLF', 4),
  ('CLP', 0), ('CNY', 2), ('COP', 2), ('COU', 2), ('CRC', 2), ('CUP', 2), ('CVE', 2), ('CZK', 2),
  ('DJF', 0), ('DKK', 2), ('DOP', 2), ('DZD', 2), ('EGP', 2), ('ERN', 2), ('ETB', 2), ('EUR', 2),
  ('FJD', 2), ('FKP', 2), ('GBP', 2), ('GEL', 2), ('GHS', 2), ('GIP', 2), ('GMD', 2), ('GNF', 0),
  ('GTQ', 2), ('GYD', 2), ('HKD', 2), ('HNL', 2), ('HTG', 2), ('HUF', 2), ('IDR', 2), ('ILS', 2),
  ('INR', 2), ('IQD', 3), ('IRR', 2), ('ISK', 0), ('JMD', 2), ('JOD', 3), ('JPY', 0), ('KES', 2),
  ('KGS', 2), ('KHR', 2), ('KMF', 0), ('KPW', 2), ('KRW', 0), ('KWD', 3), ('KYD', 2), ('KZT', 2),
  ('LAK', 2), ('LBP', 2), ('LKR', 2), ('LRD', 2), ('LSL', 2), ('LYD', 3), ('MAD', 2), ('MDL', 2),
  ('MGA', 2), ('MKD', 2), ('MMK', 2), ('MNT', 2), ('MOP', 2), ('MRU', 2), ('MUR', 2), ('MVR', 2),
  ('MWK', 2), ('MXN', 2), ('MXV', 2), ('MYR', 2), ('MZN', 2), ('NAD', 2), ('NGN', 2), ('NIO', 2),
  ('NOK', 2), ('NPR', 2), ('NZD', 2), ('OMR', 3), ('PAB', 2), ('PEN', 2), ('PGK', 2), ('PHP', 2),
  ('PKR', 2), ('PLN', 2), ('PYG', 0), ('QAR', 2), ('RON', 2), ('RSD', 2), ('RUB', 2), ('RWF', 0),
  ('SAR', 2), ('SBD', 2), ('SCR', 2), ('SDG', 2), ('SEK', 2), ('SGD', 2), ('SHP', 2), ('SLE', 2),
  ('SOS', 2), ('SRD', 2), ('SSP', 2), ('STN', 2), ('SVC', 2), ('SYP', 2), ('SZL', 2), ('THB', 2),
  ('TJS', 2), ('TMT', 2), ('TND', 3), ('TOP', 2), ('TRY', 2), ('TTD', 2), ('TWD', 2), ('TZS', 2),
  ('UAH', 2), ('UGX', 0), ('USD', 2), ('USN', 2), ('USS', 2), ('UYI', 0), ('UYU', 2), ('UZS', 2),
  ('VED', 2), ('VES', 2), ('VND', 0), ('VUV', 0), ('WST', 2), ('XAD', 2), ('XAF', 0), ('XCD', 2),
  ('XCG', 2), ('XOF', 0), ('XPF', 0), ('YER', 2), ('ZAR', 2), ('ZMW', 2), ('ZWG', 2);

-- ---------------------------------------------------------------------------------------------
-- Users and organizations
-- ---------------------------------------------------------------------------------------------
CREATE TYPE org_role AS ENUM ('owner', 'admin', 'staff', 'attendee', 'guest');

CREATE TABLE users (
  id            uuid PRIMARY KEY,  -- the identity provider's subject (Cognito sub)
  email         text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 320),
  email_verified boolean NOT NULL DEFAULT false,
  password_hash text,              -- null when the identity provider holds the credential
  name          text CHECK (length(name) <= 200),
  avatar_url    text CHECK (length(avatar_url) <= 2048),
  phone         text CHECK (length(phone) <= 32),
  preferences   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(preferences) = 'object'),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE organizations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  slug        text NOT NULL CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
  description text CHECK (length(description) <= 10000),
  settings    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
  is_verified boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organizations_slug_key UNIQUE (slug)
);

CREATE TABLE org_members (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role      org_role NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT org_members_org_user_key UNIQUE (org_id, user_id)
);
CREATE INDEX org_members_user_idx ON org_members (user_id);

CREATE TABLE org_branding (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  logo_url         text CHECK (length(logo_url) <= 2048),
  colors           jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(colors) = 'object'),
  templates        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(templates) = 'object'),
  terms_of_service text CHECK (length(terms_of_service) <= 100000),
  privacy_policy   text CHECK (length(privacy_policy) <= 100000),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT org_branding_org_key UNIQUE (org_id)
);

-- ---------------------------------------------------------------------------------------------
-- Events, sessions, speakers
-- ---------------------------------------------------------------------------------------------
CREATE TYPE event_type AS ENUM ('in_person', 'online', 'hybrid');
CREATE TYPE event_visibility AS ENUM ('public', 'private');

CREATE TABLE events (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  title         text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  slug          text NOT NULL CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$'),
  description   text CHECK (length(description) <= 50000),
  event_type    event_type NOT NULL,
  visibility    event_visibility NOT NULL DEFAULT 'public',
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  time_zone     text NOT NULL CHECK (is_valid_time_zone(time_zone)),
  location      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(location) = 'object'),
  custom_fields jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(custom_fields) = 'object'),
  contact       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(contact) = 'object'),
  tags          text[] NOT NULL DEFAULT '{}',
  series_id     uuid,            -- events cloned as a series share one id (the first event's)
  cloned_from   uuid,
  is_published  boolean NOT NULL DEFAULT false,
  published_at  timestamptz,
  archived_at   timestamptz,
  deleted_at    timestamptz,     -- soft delete; a hard delete removes the row
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_org_id_key UNIQUE (org_id, id),
  CONSTRAINT events_cloned_from_fkey FOREIGN KEY (org_id, cloned_from)
    REFERENCES events (org_id, id) ON DELETE SET NULL (cloned_from),
  CONSTRAINT events_ends_after_start CHECK (ends_at > starts_at),
  CONSTRAINT events_published_has_time CHECK (NOT is_published OR published_at IS NOT NULL)
);
-- a slug is unique per organization among events that are not soft-deleted
CREATE UNIQUE INDEX events_org_slug_key ON events (org_id, slug) WHERE deleted_at IS NULL;
CREATE INDEX events_org_starts_idx ON events (org_id, starts_at, id);
CREATE INDEX events_series_idx ON events (series_id) WHERE series_id IS NOT NULL;

CREATE TYPE session_status AS ENUM ('scheduled', 'cancelled');

CREATE TABLE sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id     uuid NOT NULL,
  title        text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  description  text CHECK (length(description) <= 20000),
  room         text CHECK (length(room) <= 200),
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL,
  capacity     integer CHECK (capacity > 0),
  tags         text[] NOT NULL DEFAULT '{}',
  attachments  jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array'),
  status       session_status NOT NULL DEFAULT 'scheduled',
  cancelled_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sessions_org_id_key UNIQUE (org_id, id),
  CONSTRAINT sessions_event_fkey FOREIGN KEY (org_id, event_id) REFERENCES events (org_id, id) ON DELETE CASCADE,
  CONSTRAINT sessions_ends_after_start CHECK (ends_at > starts_at),
  CONSTRAINT sessions_cancel_time CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE INDEX sessions_event_idx ON sessions (event_id, starts_at);

CREATE TABLE speakers (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  title        text CHECK (length(title) <= 200),
  bio          text CHECK (length(bio) <= 20000),
  photo_url    text CHECK (length(photo_url) <= 2048),
  email        text CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  social_links jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(social_links) = 'object'),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT speakers_org_id_key UNIQUE (org_id, id)
);
CREATE INDEX speakers_org_name_idx ON speakers (org_id, lower(name));

CREATE TABLE session_speakers (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  session_id uuid NOT NULL,
  speaker_id uuid NOT NULL,
  role       text NOT NULL DEFAULT 'speaker' CHECK (length(btrim(role)) BETWEEN 1 AND 50),
  position   smallint NOT NULL CHECK (position >= 0),  -- the order speakers are billed in
  CONSTRAINT session_speakers_key UNIQUE (session_id, speaker_id),
  CONSTRAINT session_speakers_session_fkey FOREIGN KEY (org_id, session_id)
    REFERENCES sessions (org_id, id) ON DELETE CASCADE,
  CONSTRAINT session_speakers_speaker_fkey FOREIGN KEY (org_id, speaker_id)
    REFERENCES speakers (org_id, id) ON DELETE CASCADE
);
CREATE INDEX session_speakers_speaker_idx ON session_speakers (speaker_id);

-- ---------------------------------------------------------------------------------------------
-- Ticket types, registrations, tickets, payments, check-ins
-- ---------------------------------------------------------------------------------------------
CREATE TABLE ticket_types (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id         uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id       uuid NOT NULL,
  name           text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  description    text CHECK (length(description) <= 10000),
  price_minor    bigint NOT NULL CHECK (price_minor >= 0),   -- 0 is a free ticket
  currency       char(3) NOT NULL REFERENCES currencies (code),
  capacity       integer NOT NULL CHECK (capacity >= 0),     -- the spec's quantity_available
  quantity_sold  integer NOT NULL DEFAULT 0 CHECK (quantity_sold >= 0),
  quantity_held  integer NOT NULL DEFAULT 0 CHECK (quantity_held >= 0),
  sale_starts_at timestamptz,
  sale_ends_at   timestamptz,
  restrictions   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(restrictions) = 'object'),
  is_active      boolean NOT NULL DEFAULT true,
  is_hidden      boolean NOT NULL DEFAULT false,
  sort_order     integer NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ticket_types_org_id_key UNIQUE (org_id, id),
  CONSTRAINT ticket_types_event_fkey FOREIGN KEY (org_id, event_id) REFERENCES events (org_id, id) ON DELETE CASCADE,
  -- the inventory invariant: never more sold and held than there is
  CONSTRAINT ticket_types_within_capacity CHECK (quantity_sold + quantity_held <= capacity),
  CONSTRAINT ticket_types_sale_window CHECK (sale_ends_at IS NULL OR sale_starts_at IS NULL OR sale_ends_at > sale_starts_at)
);
CREATE INDEX ticket_types_event_idx ON ticket_types (event_id, sort_order);

CREATE TYPE registration_status AS ENUM ('pending', 'confirmed', 'cancelled', 'expired', 'refunded');

CREATE TABLE registrations (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id              uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id            uuid NOT NULL,
  user_id             uuid REFERENCES users (id) ON DELETE SET NULL,
  confirmation_number text NOT NULL,
  status              registration_status NOT NULL DEFAULT 'pending',
  attendee_info       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attendee_info) = 'object'),
  total_minor         bigint NOT NULL DEFAULT 0 CHECK (total_minor >= 0),
  currency            char(3) NOT NULL REFERENCES currencies (code),
  hold_expires_at     timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT registrations_confirmation_number_key UNIQUE (confirmation_number),
  CONSTRAINT registrations_org_id_key UNIQUE (org_id, id),
  -- registrations are never deleted with their event: a hard delete is refused while any exist
  CONSTRAINT registrations_event_fkey FOREIGN KEY (org_id, event_id) REFERENCES events (org_id, id)
);
CREATE INDEX registrations_event_idx ON registrations (event_id, created_at);
CREATE INDEX registrations_user_idx ON registrations (user_id);
CREATE INDEX registrations_pending_hold_idx ON registrations (hold_expires_at) WHERE status = 'pending';

-- Human-friendly confirmation numbers: REG-YYYYMMDD-XXXXXX from an alphabet without look-alikes
-- (no 0/O, 1/I/L). 31^6 ≈ 887 million codes per day; the unique constraint catches the rare clash
-- and the application retries.
CREATE FUNCTION generate_confirmation_number() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  alphabet constant text := '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  code text := '';
BEGIN
  IF NEW.confirmation_number IS NULL OR NEW.confirmation_number = '' THEN
    FOR i IN 1..6 LOOP
      code := code || substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1);
    END LOOP;
    NEW.confirmation_number := 'REG-' || to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDD') || '-' || code;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER registrations_confirmation_number
  BEFORE INSERT ON registrations
  FOR EACH ROW EXECUTE FUNCTION generate_confirmation_number();

CREATE TYPE ticket_status AS ENUM ('reserved', 'issued', 'cancelled', 'refunded');

CREATE TABLE tickets (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  registration_id uuid NOT NULL,
  ticket_type_id  uuid NOT NULL,
  ticket_code     text NOT NULL,
  qr_code         text,            -- the signed payload the QR encodes; never a secret
  status          ticket_status NOT NULL DEFAULT 'reserved',
  attendee_data   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attendee_data) = 'object'),
  code_version    integer NOT NULL DEFAULT 1 CHECK (code_version > 0),
  issued_at       timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT tickets_ticket_code_key UNIQUE (ticket_code),
  CONSTRAINT tickets_org_id_key UNIQUE (org_id, id),
  CONSTRAINT tickets_registration_fkey FOREIGN KEY (org_id, registration_id) REFERENCES registrations (org_id, id),
  CONSTRAINT tickets_ticket_type_fkey FOREIGN KEY (org_id, ticket_type_id) REFERENCES ticket_types (org_id, id),
  CONSTRAINT tickets_issued_time CHECK (status <> 'issued' OR issued_at IS NOT NULL)
);
CREATE INDEX tickets_registration_idx ON tickets (registration_id);
CREATE INDEX tickets_ticket_type_idx ON tickets (ticket_type_id);

CREATE TYPE payment_status AS ENUM
  ('created', 'requires_action', 'authorized', 'succeeded', 'failed', 'cancelled', 'refunded', 'partially_refunded');

CREATE TABLE payments (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id              uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  registration_id     uuid NOT NULL,
  provider            text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9_]{1,31}$'),
  provider_payment_id text,
  idempotency_key     text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 255),
  amount_minor        bigint NOT NULL CHECK (amount_minor > 0),
  refunded_minor      bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
  currency            char(3) NOT NULL REFERENCES currencies (code),
  status              payment_status NOT NULL DEFAULT 'created',
  provider_response   jsonb NOT NULL DEFAULT '{}',   -- redacted: never card data
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payments_registration_fkey FOREIGN KEY (org_id, registration_id) REFERENCES registrations (org_id, id),
  CONSTRAINT payments_refund_within_amount CHECK (refunded_minor <= amount_minor),
  CONSTRAINT payments_idempotency_key UNIQUE (idempotency_key),
  CONSTRAINT payments_provider_payment_key UNIQUE (provider, provider_payment_id)
);
CREATE INDEX payments_registration_idx ON payments (registration_id);

CREATE TYPE check_in_method AS ENUM ('qr', 'manual', 'api');

CREATE TABLE check_ins (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id         uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  ticket_id      uuid NOT NULL,
  session_id     uuid,
  checked_in_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  checked_in_at  timestamptz NOT NULL DEFAULT now(),
  method         check_in_method NOT NULL,
  gate           text CHECK (length(gate) <= 100),
  device         text CHECK (length(device) <= 200),
  scan_id        text NOT NULL CHECK (length(scan_id) BETWEEN 1 AND 200),
  metadata       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
  CONSTRAINT check_ins_scan_key UNIQUE (org_id, scan_id),
  CONSTRAINT check_ins_ticket_fkey FOREIGN KEY (org_id, ticket_id) REFERENCES tickets (org_id, id),
  CONSTRAINT check_ins_session_fkey FOREIGN KEY (org_id, session_id) REFERENCES sessions (org_id, id)
);
CREATE INDEX check_ins_ticket_idx ON check_ins (ticket_id);
-- a ticket is checked in at most once per event (session_id null) and once per session
CREATE UNIQUE INDEX check_ins_ticket_event_key ON check_ins (ticket_id) WHERE session_id IS NULL;
CREATE UNIQUE INDEX check_ins_ticket_session_key ON check_ins (ticket_id, session_id) WHERE session_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Audit log: append-only, fed by triggers.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE audit_logs (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id     uuid,
  table_name text NOT NULL,
  record_id  uuid,
  action     text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
  old_data   jsonb,
  new_data   jsonb,
  user_id    uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_logs_org_idx ON audit_logs (org_id, created_at);
CREATE INDEX audit_logs_record_idx ON audit_logs (table_name, record_id);

-- SECURITY DEFINER: the trigger writes as the schema owner, so the application role needs (and
-- has) no INSERT privilege on audit_logs and cannot forge or alter entries.
CREATE FUNCTION audit_log_trigger() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  row_data jsonb := coalesce(new_row, old_row);
BEGIN
  IF TG_OP = 'UPDATE' AND old_row - 'updated_at' - 'version' = new_row - 'updated_at' - 'version' THEN
    RETURN NEW;  -- nothing but bookkeeping changed, nothing to record
  END IF;
  INSERT INTO audit_logs (org_id, table_name, record_id, action, old_data, new_data, user_id)
  VALUES (
    CASE WHEN TG_TABLE_NAME = 'organizations' THEN (row_data ->> 'id')::uuid
         ELSE (row_data ->> 'org_id')::uuid END,
    TG_TABLE_NAME,
    (row_data ->> 'id')::uuid,
    TG_OP,
    old_row,
    new_row,
    app_user_id()
  );
  RETURN coalesce(NEW, OLD);
END
$$;

CREATE FUNCTION audit_logs_are_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_logs_append_only
  BEFORE UPDATE OR DELETE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION audit_logs_are_append_only();
CREATE TRIGGER audit_logs_no_truncate
  BEFORE TRUNCATE ON audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_are_append_only();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'org_members', 'org_branding', 'events', 'sessions',
                           'speakers', 'session_speakers', 'ticket_types', 'registrations',
                           'tickets', 'payments', 'check_ins']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                    FOR EACH ROW EXECUTE FUNCTION audit_log_trigger()', t || '_audit', t);
  END LOOP;
END
$$;

-- updated_at follows every update
CREATE FUNCTION touch_updated_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'organizations', 'org_branding', 'events', 'sessions', 'speakers',
                           'ticket_types', 'registrations', 'tickets', 'payments']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I
                    FOR EACH ROW EXECUTE FUNCTION touch_updated_at()', t || '_touch', t);
  END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------
-- Tenant-owned tables: a row is visible and writable only inside its organization's context.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['org_branding', 'events', 'sessions', 'speakers', 'session_speakers',
                           'ticket_types', 'registrations', 'tickets', 'payments', 'check_ins']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I
                    USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;

-- Memberships: an organization's members within its context, and a user's own memberships
-- everywhere (to list "my organizations"). Writes only within the organization's context.
ALTER TABLE org_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON org_members FOR SELECT
  USING (org_id = app_org_id() OR user_id = app_user_id());
CREATE POLICY member_write ON org_members FOR INSERT WITH CHECK (org_id = app_org_id());
CREATE POLICY member_update ON org_members FOR UPDATE
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY member_delete ON org_members FOR DELETE USING (org_id = app_org_id());

-- Organizations: the one in context, and those the current user belongs to (read only).
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_read ON organizations FOR SELECT
  USING (id = app_org_id()
         OR id IN (SELECT m.org_id FROM org_members m WHERE m.user_id = app_user_id()));
CREATE POLICY org_insert ON organizations FOR INSERT WITH CHECK (id = app_org_id());
CREATE POLICY org_update ON organizations FOR UPDATE
  USING (id = app_org_id()) WITH CHECK (id = app_org_id());
CREATE POLICY org_delete ON organizations FOR DELETE USING (id = app_org_id());

-- Users: yourself, and the members of the organization in context.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY user_self ON users
  USING (id = app_user_id()) WITH CHECK (id = app_user_id());
CREATE POLICY user_org_member_read ON users FOR SELECT
  USING (id IN (SELECT m.user_id FROM org_members m WHERE m.org_id = app_org_id()));

-- Audit log: readable within the organization's context only.
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_read ON audit_logs FOR SELECT USING (org_id = app_org_id());

-- Public pages look an organization up by its slug before any tenant context exists. This
-- function answers only that question (the id), as the owner, and nothing else.
CREATE FUNCTION org_id_by_slug(p_slug text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id FROM organizations WHERE slug = p_slug $$;
