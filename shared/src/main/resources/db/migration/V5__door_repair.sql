-- The door's repair path (docs/check-in.md, "Keeping the door in step"). After a change to tickets
-- commits, the process refreshes the check-in table's copy of them; if it died in between, the
-- outbox message that announced the change is still here. The repair function finds messages of
-- ticket-changing topics that no refresh has confirmed, refreshes their registrations, and marks
-- them, so the door converges even after a crash.

ALTER TABLE outbox_messages ADD COLUMN door_synced_at timestamptz;

-- messages written before this column existed were refreshed (or read through) long ago
UPDATE outbox_messages SET door_synced_at = created_at;

CREATE INDEX outbox_messages_door_pending_idx ON outbox_messages (created_at) WHERE door_synced_at IS NULL;

-- Which messages of the given topics, older than p_before, still wait for the door, in which
-- organizations. Each is then refreshed and marked in its own organization's context.
CREATE FUNCTION door_sync_due(p_topics text[], p_before timestamptz, p_limit integer)
  RETURNS TABLE (org_id uuid, message_id bigint, registration_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT m.org_id, m.id, (m.payload ->> 'registrationId')::uuid
      FROM outbox_messages m
     WHERE m.door_synced_at IS NULL AND m.created_at <= p_before AND m.topic = ANY (p_topics)
       AND m.payload ? 'registrationId'
     ORDER BY m.created_at
     LIMIT p_limit
  $$;
