-- Signed ticket codes (docs/ticket-codes.md): one Ed25519 key pair per event at a time, rotatable.
-- The private half is stored sealed (AES-GCM under a key the database never sees); it is never
-- audited, logged or returned by any route. Old keys stay for verifying codes they signed until
-- those codes are reissued.

CREATE TABLE ticket_signing_keys (
  org_id             uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_id           uuid NOT NULL,
  key_id             integer NOT NULL CHECK (key_id BETWEEN 1 AND 65535),
  public_key         bytea NOT NULL,          -- X.509 SubjectPublicKeyInfo
  sealed_private_key bytea NOT NULL,          -- AES-GCM: nonce || ciphertext || tag
  created_at         timestamptz NOT NULL DEFAULT now(),
  retired_at         timestamptz,
  PRIMARY KEY (event_id, key_id),
  CONSTRAINT ticket_signing_keys_event_fkey FOREIGN KEY (org_id, event_id) REFERENCES events (org_id, id) ON DELETE CASCADE
);
-- at most one active key per event
CREATE UNIQUE INDEX ticket_signing_keys_active_key ON ticket_signing_keys (event_id) WHERE retired_at IS NULL;

ALTER TABLE ticket_signing_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ticket_signing_keys
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
-- Deliberately no audit trigger: the audit log would copy the sealed private key into every entry.

-- A ticket's QR payload (tickets.qr_code) is the signed code of its current code_version.
CREATE INDEX tickets_qr_code_idx ON tickets (qr_code) WHERE qr_code IS NOT NULL;
