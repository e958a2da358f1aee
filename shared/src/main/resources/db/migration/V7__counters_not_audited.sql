-- Seat and use counters are bookkeeping, not edits. Every sale, hold, release and promo code use
-- moves a counter (ticket_types.quantity_sold / quantity_held, events.seats_taken,
-- promo_codes.times_used); the audit trigger wrote a full before-and-after image of the row for
-- each, inside the conditional write that holds the hot row's lock, so in a flash sale every
-- buyer's audit entry lengthened the line behind it. Who bought what is already recorded: the
-- registration and its tickets are audited rows. So an update that changes only counters (and
-- updated_at / version) is skipped, as a bookkeeping-only update already was; any other change,
-- with or without counters, is recorded whole, as before (docs/inventory.md, "Sold-out answers").
CREATE OR REPLACE FUNCTION audit_log_trigger() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  row_data jsonb := coalesce(new_row, old_row);
BEGIN
  IF TG_OP = 'UPDATE' AND old_row - ARRAY['updated_at', 'version', 'quantity_sold', 'quantity_held', 'seats_taken', 'times_used']
                        = new_row - ARRAY['updated_at', 'version', 'quantity_sold', 'quantity_held', 'seats_taken', 'times_used'] THEN
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
