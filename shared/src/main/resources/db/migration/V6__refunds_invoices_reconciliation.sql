-- Payments, second part (docs/payments.md; V6: main took V5 for the door repair): refunds of single tickets that the tickets and the
-- inventory follow, refunds tracked at the provider, tax rates and gapless invoices, and the
-- reconciliation's findings.

-- ---------------------------------------------------------------------------------------------
-- Refunds: which tickets a refund gave back (empty: an amount only, e.g. a goodwill gesture), and
-- the provider's refund id as soon as the provider has one, so that a refund the provider settles
-- later is read back (fetched) instead of requested again.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE payment_refunds
  ADD COLUMN ticket_ids uuid[] NOT NULL DEFAULT '{}';

-- ---------------------------------------------------------------------------------------------
-- Tax rates per organization; a ticket type names at most one. The rate is in parts per million
-- (19 % = 190000, 8.875 % = 88750), inclusive (the price contains the tax) or exclusive (the tax
-- is added to the price).
-- ---------------------------------------------------------------------------------------------
CREATE TABLE tax_rates (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name       text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  rate_ppm   integer NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
  inclusive  boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT tax_rates_org_id_key UNIQUE (org_id, id),
  CONSTRAINT tax_rates_org_name_key UNIQUE (org_id, name)
);

ALTER TABLE ticket_types
  ADD COLUMN tax_rate_id uuid,
  ADD CONSTRAINT ticket_types_tax_rate_fkey FOREIGN KEY (org_id, tax_rate_id) REFERENCES tax_rates (org_id, id);

-- What a ticket's tax was when it was bought (a later change of rate does not change it): the
-- rate, inclusive or not, and the amount, per ticket, rounded half up to the minor unit.
ALTER TABLE tickets
  ADD COLUMN tax_rate_ppm integer NOT NULL DEFAULT 0 CHECK (tax_rate_ppm BETWEEN 0 AND 1000000),
  ADD COLUMN tax_inclusive boolean NOT NULL DEFAULT true,
  ADD COLUMN tax_minor bigint NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
  ADD CONSTRAINT tickets_inclusive_tax_within_price CHECK (NOT tax_inclusive OR tax_minor <= price_minor - discount_minor);

-- An exclusive tax is paid on top of the price: the order's total includes it.
ALTER TABLE registrations
  ADD COLUMN tax_added_minor bigint NOT NULL DEFAULT 0 CHECK (tax_added_minor >= 0),
  DROP CONSTRAINT registrations_total,
  ADD CONSTRAINT registrations_total CHECK (total_minor = subtotal_minor - discount_minor + tax_added_minor);

-- ---------------------------------------------------------------------------------------------
-- Invoices and credit notes: numbered per organization, 1, 2, 3, ... without gaps. The number is
-- drawn from the organization's counter row in the transaction that writes the invoice (the row
-- stays locked until it commits; a rollback gives the number back with everything else).
-- ---------------------------------------------------------------------------------------------
CREATE TABLE invoice_counters (
  org_id      uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  last_number bigint NOT NULL CHECK (last_number >= 0)
);

CREATE TYPE invoice_kind AS ENUM ('invoice', 'credit_note');

CREATE TABLE invoices (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  number          bigint NOT NULL CHECK (number > 0),
  kind            invoice_kind NOT NULL,
  registration_id uuid NOT NULL,
  payment_id      uuid,
  refund_id       uuid,
  credits         uuid,            -- a credit note: the invoice it credits
  currency        char(3) NOT NULL REFERENCES currencies (code),
  net_minor       bigint NOT NULL CHECK (net_minor >= 0),
  tax_minor       bigint NOT NULL CHECK (tax_minor >= 0),
  gross_minor     bigint NOT NULL CHECK (gross_minor >= 0),
  seller          jsonb NOT NULL CHECK (jsonb_typeof(seller) = 'object'),
  buyer           jsonb NOT NULL CHECK (jsonb_typeof(buyer) = 'object'),
  lines           jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
  issued_at       timestamptz NOT NULL,
  CONSTRAINT invoices_org_id_key UNIQUE (org_id, id),
  CONSTRAINT invoices_org_number_key UNIQUE (org_id, number),
  CONSTRAINT invoices_gross CHECK (gross_minor = net_minor + tax_minor),
  CONSTRAINT invoices_registration_fkey FOREIGN KEY (org_id, registration_id) REFERENCES registrations (org_id, id),
  CONSTRAINT invoices_payment_fkey FOREIGN KEY (org_id, payment_id) REFERENCES payments (org_id, id),
  CONSTRAINT invoices_credits_fkey FOREIGN KEY (org_id, credits) REFERENCES invoices (org_id, id),
  CONSTRAINT invoices_credit_note_names_invoice CHECK ((kind = 'credit_note') = (credits IS NOT NULL))
);
CREATE INDEX invoices_registration_idx ON invoices (registration_id, number);
-- one invoice per paid payment, one credit note per refund: a retried step cannot write a second
CREATE UNIQUE INDEX invoices_payment_key ON invoices (payment_id) WHERE kind = 'invoice';
CREATE UNIQUE INDEX invoices_refund_key ON invoices (refund_id) WHERE kind = 'credit_note';

-- An issued invoice is a legal document: corrected by a credit note, never edited or deleted.
CREATE FUNCTION invoices_are_immutable() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'invoices are immutable: issue a credit note' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_are_immutable();

-- ---------------------------------------------------------------------------------------------
-- Reconciliation: what the comparison with the provider found and could not repair. One open
-- finding per payment and kind; resolved findings stay as history.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE payment_discrepancies (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  payment_id  uuid NOT NULL,
  kind        text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{1,63}$'),
  detail      text NOT NULL CHECK (length(detail) <= 2000),
  detected_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  CONSTRAINT payment_discrepancies_payment_fkey FOREIGN KEY (org_id, payment_id) REFERENCES payments (org_id, id)
);
CREATE UNIQUE INDEX payment_discrepancies_open_key ON payment_discrepancies (payment_id, kind) WHERE resolved_at IS NULL;

-- ---------------------------------------------------------------------------------------------
-- Tenancy, audit, bookkeeping
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tax_rates', 'invoice_counters', 'invoices', 'payment_discrepancies']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I
                    USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END
$$;
-- Tax rates and invoices are money: audited. The counter is implied by the invoices.
CREATE TRIGGER tax_rates_audit AFTER INSERT OR UPDATE OR DELETE ON tax_rates
  FOR EACH ROW EXECUTE FUNCTION audit_log_trigger();
CREATE TRIGGER tax_rates_touch BEFORE UPDATE ON tax_rates
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER invoices_audit AFTER INSERT ON invoices
  FOR EACH ROW EXECUTE FUNCTION audit_log_trigger();
CREATE TRIGGER payment_discrepancies_audit AFTER INSERT OR UPDATE ON payment_discrepancies
  FOR EACH ROW EXECUTE FUNCTION audit_log_trigger();

-- A registrant reads the invoices of their own registrations (to download them).
CREATE POLICY registrant_read ON invoices FOR SELECT
  USING (registration_id IN (SELECT r.id FROM registrations r WHERE r.user_id = app_user_id()));

-- The reconciliation: payments that reached the provider and changed recently, across tenants;
-- each is then compared in its own organization's context.
CREATE FUNCTION payments_to_reconcile(p_since timestamptz, p_limit integer)
  RETURNS TABLE (org_id uuid, payment_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT p.org_id, p.id FROM payments p
    WHERE p.provider_payment_id IS NOT NULL AND p.updated_at >= p_since
    ORDER BY p.updated_at, p.id LIMIT p_limit
  $$;
