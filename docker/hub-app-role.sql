-- The role the hub runs as: it reads and writes the credit data and appends to the access log,
-- but owns nothing, so it cannot ALTER TABLE … DISABLE TRIGGER, drop, truncate, update or delete
-- the log. Run as the tables' owner (the role `hub migrate` uses) after every `hub migrate`
-- (new tables need their grants): psql "$OWNER_URL" -v ON_ERROR_STOP=1 -f docker/hub-app-role.sql
-- Then set a password (ALTER ROLE credit_hub_app PASSWORD '…') and start the hub with
-- DATABASE_URL=postgres://credit_hub_app:…@host/db. The hub applies no migration as this role:
-- with one pending it fails to start, until `hub migrate` has run as the owner.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'credit_hub_app') THEN
    CREATE ROLE credit_hub_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO credit_hub_app;
REVOKE CREATE ON SCHEMA public FROM credit_hub_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO credit_hub_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO credit_hub_app;
-- The access log: append and read only. The chain head row is moved forward by each append
-- (a moved-back head is named by the signed checkpoints); checkpoints are append-only.
-- access_subject indexes the records by enterprise (an enterprise's access history): append-only too.
-- hub_event, the outbox of events, is append-only too.
REVOKE ALL ON access_record, access_checkpoint, access_chain_head, access_subject, hub_event FROM credit_hub_app;
GRANT SELECT, INSERT ON access_record, access_checkpoint, access_subject, hub_event TO credit_hub_app;
GRANT SELECT, UPDATE ON access_chain_head TO credit_hub_app;
-- Credit reports, once issued, are what was issued: append and read only (a trigger refuses changes too).
REVOKE ALL ON credit_report FROM credit_hub_app;
GRANT SELECT, INSERT ON credit_report TO credit_hub_app;
-- Migration bookkeeping: the hub reads it at start (to see nothing is pending), never writes it.
REVOKE ALL ON schema_migrations FROM credit_hub_app;
GRANT SELECT ON schema_migrations TO credit_hub_app;
