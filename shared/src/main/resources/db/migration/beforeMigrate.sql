-- Flyway callback, runs before every migrate as the schema owner.
-- The application connects as ${app_role}: a LOGIN role that is neither superuser nor table
-- owner, so row-level security applies to every query it makes.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') THEN
    CREATE ROLE ${app_role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object THEN
  NULL; -- another database's migration created it concurrently
END
$$;
