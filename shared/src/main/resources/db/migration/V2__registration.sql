-- Registration and inventory: event capacity and hold settings, registration questions, promo
-- codes, the waitlist, per-ticket prices, idempotent registration, and an outbox for the
-- notifications the registration flow queues. The inventory rules are in docs/inventory.md.

-- ---------------------------------------------------------------------------------------------
-- Event registration settings
-- ---------------------------------------------------------------------------------------------
ALTER TABLE events
  ADD COLUMN capacity integer CHECK (capacity > 0),              -- null: only ticket types limit
  ADD COLUMN seats_taken integer NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),  -- sold + held, kept while capacity is set
  ADD COLUMN hold_minutes integer NOT NULL DEFAULT 15 CHECK (hold_minutes BETWEEN 1 AND 1440),
  ADD COLUMN waitlist_offer_minutes integer NOT NULL DEFAULT 60 CHECK (waitlist_offer_minutes BETWEEN 5 AND 10080),
  ADD COLUMN attendee_cancellation boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT events_within_capacity CHECK (capacity IS NULL OR seats_taken <= capacity);

-- ---------------------------------------------------------------------------------------------
-- Registration questions, asked per ticket (attendee)
-- ---------------------------------------------------------------------------------------------
CREATE TYPE question_kind AS ENUM ('text', 'choice', 'multi_choice', 'checkbox');

CREATE TABLE registration_questions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id        uuid NOT NULL,
  label           text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 500),
  kind            question_kind NOT NULL,
  options         text[] NOT NULL DEFAULT '{}',
  required        boolean NOT NULL DEFAULT false,
  ticket_type_ids uuid[] NOT NULL DEFAULT '{}',     -- empty: asked for every ticket type
  position        integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT registration_questions_event_fkey FOREIGN KEY (org_id, event_id)
    REFERENCES events (org_id, id) ON DELETE CASCADE,
  CONSTRAINT registration_questions_options CHECK (
    (kind IN ('choice', 'multi_choice')) = (cardinality(options) > 0))
);
CREATE INDEX registration_questions_event_idx ON registration_questions (event_id, position);

-- ---------------------------------------------------------------------------------------------
-- Promo codes
-- ---------------------------------------------------------------------------------------------
CREATE TYPE discount_kind AS ENUM ('percent', 'fixed');

CREATE TABLE promo_codes (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id         uuid NOT NULL,
  code             text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{2,39}$'),  -- stored upper-case
  kind             discount_kind NOT NULL,
  percent_off      integer CHECK (percent_off BETWEEN 1 AND 100),
  amount_off_minor bigint CHECK (amount_off_minor > 0),
  ticket_type_ids  uuid[] NOT NULL DEFAULT '{}',    -- empty: every visible ticket type
  usage_limit      integer CHECK (usage_limit > 0), -- null: unlimited
  times_used       integer NOT NULL DEFAULT 0 CHECK (times_used >= 0),
  valid_from       timestamptz,
  valid_until      timestamptz,
  is_active        boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT promo_codes_org_id_key UNIQUE (org_id, id),
  CONSTRAINT promo_codes_event_fkey FOREIGN KEY (org_id, event_id) REFERENCES events (org_id, id) ON DELETE CASCADE,
  CONSTRAINT promo_codes_event_code_key UNIQUE (event_id, code),
  CONSTRAINT promo_codes_discount CHECK (
    (kind = 'percent' AND percent_off IS NOT NULL AND amount_off_minor IS NULL) OR
    (kind = 'fixed' AND amount_off_minor IS NOT NULL AND percent_off IS NULL)),
  -- the usage invariant, like the inventory one
  CONSTRAINT promo_codes_within_limit CHECK (usage_limit IS NULL OR times_used <= usage_limit),
  CONSTRAINT promo_codes_window CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from)
);

-- ---------------------------------------------------------------------------------------------
-- Registrations and tickets: prices, promo code, idempotency, lifecycle times
-- ---------------------------------------------------------------------------------------------
ALTER TABLE registrations
  ADD COLUMN subtotal_minor bigint NOT NULL DEFAULT 0 CHECK (subtotal_minor >= 0),
  ADD COLUMN discount_minor bigint NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
  ADD COLUMN promo_code_id uuid,
  ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  ADD COLUMN confirmed_at timestamptz,
  ADD COLUMN cancelled_at timestamptz,
  ADD COLUMN expired_at timestamptz,
  ADD CONSTRAINT registrations_total CHECK (total_minor = subtotal_minor - discount_minor),
  ADD CONSTRAINT registrations_promo_code_fkey FOREIGN KEY (org_id, promo_code_id) REFERENCES promo_codes (org_id, id),
  ADD CONSTRAINT registrations_pending_has_hold CHECK (status <> 'pending' OR hold_expires_at IS NOT NULL);
-- a retried request (same user, same key) finds the registration its first attempt made
CREATE UNIQUE INDEX registrations_idempotency_key ON registrations (event_id, user_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX registrations_event_created_idx ON registrations (event_id, created_at, id);

ALTER TABLE tickets
  ADD COLUMN position smallint NOT NULL DEFAULT 0 CHECK (position >= 0),  -- the order of the request
  ADD COLUMN price_minor bigint NOT NULL DEFAULT 0 CHECK (price_minor >= 0),
  ADD COLUMN discount_minor bigint NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
  ADD CONSTRAINT tickets_discount_within_price CHECK (discount_minor <= price_minor);

-- A registrant sees their own registrations and tickets in every organization ("my tickets").
CREATE POLICY registrant_read ON registrations FOR SELECT USING (user_id = app_user_id());
CREATE POLICY registrant_read ON tickets FOR SELECT
  USING (registration_id IN (SELECT r.id FROM registrations r WHERE r.user_id = app_user_id()));

-- ---------------------------------------------------------------------------------------------
-- Waitlist
-- ---------------------------------------------------------------------------------------------
CREATE TYPE waitlist_status AS ENUM ('waiting', 'offered', 'accepted', 'expired', 'cancelled');

CREATE TABLE waitlist_entries (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id         uuid NOT NULL,
  ticket_type_id   uuid NOT NULL,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  quantity         integer NOT NULL CHECK (quantity BETWEEN 1 AND 50),
  status           waitlist_status NOT NULL DEFAULT 'waiting',
  offered_at       timestamptz,
  offer_expires_at timestamptz,
  registration_id  uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT waitlist_entries_event_fkey FOREIGN KEY (org_id, event_id) REFERENCES events (org_id, id) ON DELETE CASCADE,
  CONSTRAINT waitlist_entries_ticket_type_fkey FOREIGN KEY (org_id, ticket_type_id)
    REFERENCES ticket_types (org_id, id) ON DELETE CASCADE,
  CONSTRAINT waitlist_entries_registration_fkey FOREIGN KEY (org_id, registration_id)
    REFERENCES registrations (org_id, id),
  CONSTRAINT waitlist_entries_offer CHECK ((status = 'offered') <= (offer_expires_at IS NOT NULL))
);
-- one live place in the queue per person and ticket type
CREATE UNIQUE INDEX waitlist_entries_live_key ON waitlist_entries (ticket_type_id, user_id)
  WHERE status IN ('waiting', 'offered');
CREATE INDEX waitlist_entries_queue_idx ON waitlist_entries (ticket_type_id, created_at, id) WHERE status = 'waiting';
CREATE INDEX waitlist_entries_offer_idx ON waitlist_entries (offer_expires_at) WHERE status = 'offered';

CREATE POLICY registrant_read ON waitlist_entries FOR SELECT USING (user_id = app_user_id());

-- ---------------------------------------------------------------------------------------------
-- Outbox: messages written in the same transaction as the change they announce; a relay
-- (the notifications issue) delivers them to the queue and marks them dispatched.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE outbox_messages (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  topic         text NOT NULL CHECK (topic ~ '^[a-z]+(\.[a-z_]+)+$'),
  payload       jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  created_at    timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz
);
CREATE INDEX outbox_messages_pending_idx ON outbox_messages (id) WHERE dispatched_at IS NULL;

-- ---------------------------------------------------------------------------------------------
-- Tenancy, audit, bookkeeping for the new tables
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['registration_questions', 'promo_codes', 'waitlist_entries', 'outbox_messages']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I
                    USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['registration_questions', 'promo_codes', 'waitlist_entries']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                    FOR EACH ROW EXECUTE FUNCTION audit_log_trigger()', t || '_audit', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I
                    FOR EACH ROW EXECUTE FUNCTION touch_updated_at()', t || '_touch', t);
  END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Cross-tenant look-ups, each answering one narrow question as the owner
-- ---------------------------------------------------------------------------------------------
-- An attendee registers for an event by its id: which organization's context to open.
CREATE FUNCTION org_id_of_event(p_event_id uuid) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT org_id FROM events WHERE id = p_event_id $$;

-- The expiry sweeper: which pending holds and waitlist offers are due, in which organizations.
-- Each is then expired in its own organization's context.
CREATE FUNCTION due_holds(p_now timestamptz, p_limit integer)
  RETURNS TABLE (org_id uuid, registration_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT r.org_id, r.id FROM registrations r
    WHERE r.status = 'pending' AND r.hold_expires_at <= p_now
    ORDER BY r.hold_expires_at LIMIT p_limit
  $$;

-- Ticket types with people waiting and seats free (capacity raised, a type back on sale).
CREATE FUNCTION waitlists_with_seats(p_limit integer)
  RETURNS TABLE (org_id uuid, ticket_type_id uuid, event_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT t.org_id, t.id, t.event_id FROM ticket_types t
    WHERE t.is_active AND t.quantity_sold + t.quantity_held < t.capacity
      AND EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.ticket_type_id = t.id AND w.status = 'waiting')
    LIMIT p_limit
  $$;

CREATE FUNCTION due_waitlist_offers(p_now timestamptz, p_limit integer)
  RETURNS TABLE (org_id uuid, entry_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT w.org_id, w.id FROM waitlist_entries w
    WHERE w.status = 'offered' AND w.offer_expires_at <= p_now
    ORDER BY w.offer_expires_at LIMIT p_limit
  $$;
