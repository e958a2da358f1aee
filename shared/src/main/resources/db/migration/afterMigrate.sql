-- Flyway callback, runs after every migrate: the application role's privileges, restated so that
-- a table added by a later migration is covered without each migration repeating the grants.
GRANT USAGE ON SCHEMA public TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app_role};
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${app_role};

-- Reference data is read-only for the application.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON currencies FROM ${app_role};
-- The audit log is append-only, and only the audit trigger (SECURITY DEFINER) appends.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_logs FROM ${app_role};
-- Flyway's own bookkeeping is none of the application's business.
REVOKE ALL ON flyway_schema_history FROM ${app_role};
