-- Payments (docs/payments.md): one `payments` row per payment attempt (V1 has the table), the
-- provider webhook events applied so far (exactly once, by the provider's event id), and refunds.
-- No card data is ever stored: provider responses are kept redacted (ids, statuses, amounts).
-- V4 is reserved for the check-in work; Flyway accepts the gap.

-- ---------------------------------------------------------------------------------------------
-- Payment attempts
-- ---------------------------------------------------------------------------------------------
ALTER TABLE payments
  -- 1, 2, ... per registration: a declined card is followed by a new attempt with a new
  -- provider idempotency key, never refused as a duplicate of the first
  ADD COLUMN attempt integer NOT NULL DEFAULT 1 CHECK (attempt BETWEEN 1 AND 100),
  ADD CONSTRAINT payments_org_id_key UNIQUE (org_id, id),
  ADD CONSTRAINT payments_registration_attempt_key UNIQUE (registration_id, attempt);

-- ---------------------------------------------------------------------------------------------
-- Webhook events applied: the unique key makes the second delivery of an event (sequential or
-- concurrent) a no-op; the row is written in the same transaction as the event's effect.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE payment_webhook_events (
  org_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  provider    text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9_]{1,31}$'),
  event_id    text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 255),
  event_type  text NOT NULL CHECK (length(event_type) BETWEEN 1 AND 255),
  payment_id  uuid NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payment_webhook_events_key PRIMARY KEY (provider, event_id),
  CONSTRAINT payment_webhook_events_payment_fkey FOREIGN KEY (org_id, payment_id) REFERENCES payments (org_id, id)
);
CREATE INDEX payment_webhook_events_payment_idx ON payment_webhook_events (payment_id);

-- ---------------------------------------------------------------------------------------------
-- Refunds: requested (pending) in the transaction that decides them, executed at the provider
-- with their own idempotency key, then settled. Pending and settled refunds together never
-- exceed the payment (checked under the payment's row lock; payments_refund_within_amount is
-- the second line of defence).
-- ---------------------------------------------------------------------------------------------
CREATE TYPE refund_status AS ENUM ('pending', 'succeeded', 'failed');

CREATE TABLE payment_refunds (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id             uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  payment_id         uuid NOT NULL,
  amount_minor       bigint NOT NULL CHECK (amount_minor > 0),
  reason             text NOT NULL CHECK (reason ~ '^[a-z][a-z_]{1,39}$'),
  idempotency_key    text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 255),
  status             refund_status NOT NULL DEFAULT 'pending',
  provider_refund_id text,
  provider_response  jsonb NOT NULL DEFAULT '{}',   -- redacted, like payments.provider_response
  requested_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payment_refunds_idempotency_key UNIQUE (idempotency_key),
  CONSTRAINT payment_refunds_payment_fkey FOREIGN KEY (org_id, payment_id) REFERENCES payments (org_id, id)
);
CREATE INDEX payment_refunds_payment_idx ON payment_refunds (payment_id);
CREATE INDEX payment_refunds_pending_idx ON payment_refunds (created_at) WHERE status = 'pending';

-- ---------------------------------------------------------------------------------------------
-- Tenancy, audit, bookkeeping for the new tables
-- ---------------------------------------------------------------------------------------------
ALTER TABLE payment_webhook_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payment_webhook_events
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE payment_refunds ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payment_refunds
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
-- Refunds move money: audited like payments. Webhook events are themselves an append-only record
-- of what arrived; auditing them would only copy each row.
CREATE TRIGGER payment_refunds_audit AFTER INSERT OR UPDATE OR DELETE ON payment_refunds
  FOR EACH ROW EXECUTE FUNCTION audit_log_trigger();
CREATE TRIGGER payment_refunds_touch BEFORE UPDATE ON payment_refunds
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- A registrant sees the payments of their own registrations (to pay again after a decline).
CREATE POLICY registrant_read ON payments FOR SELECT
  USING (registration_id IN (SELECT r.id FROM registrations r WHERE r.user_id = app_user_id()));

-- ---------------------------------------------------------------------------------------------
-- Cross-tenant look-ups, each answering one narrow question as the owner
-- ---------------------------------------------------------------------------------------------
-- A provider webhook names the provider's payment: which of our payments, in which organization.
CREATE FUNCTION payment_of_provider_payment(p_provider text, p_provider_payment_id text)
  RETURNS TABLE (org_id uuid, payment_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT p.org_id, p.id FROM payments p
    WHERE p.provider = p_provider AND p.provider_payment_id = p_provider_payment_id
  $$;

-- The payment runner: payments with work left (a refund to execute, or an open attempt whose
-- registration ended and must be cancelled at the provider).
CREATE FUNCTION due_payment_follow_ups(p_limit integer)
  RETURNS TABLE (org_id uuid, payment_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT p.org_id, p.id FROM payments p
    WHERE EXISTS (SELECT 1 FROM payment_refunds f WHERE f.payment_id = p.id AND f.status = 'pending')
       OR (p.status IN ('created', 'requires_action', 'authorized') AND p.provider_payment_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM registrations r WHERE r.id = p.registration_id
                       AND r.status IN ('expired', 'cancelled')))
    ORDER BY p.updated_at LIMIT p_limit
  $$;
