-- Up Migration
-- Who did it (an account and its role) and, for account changes, to which account.
ALTER TABLE audit_log
  ADD COLUMN actor_account_id uuid REFERENCES accounts(id),
  ADD COLUMN actor_role text,
  ADD COLUMN subject_account_id uuid REFERENCES accounts(id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_account_id, at);

-- Append-only: the trigger refuses even the table's owner (privileges alone would not, since an
-- owner may grant them back); the REVOKE makes the application's role unable to try.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;

-- Down Migration
GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO CURRENT_USER;
DROP TRIGGER audit_log_no_truncate ON audit_log;
DROP TRIGGER audit_log_no_update_delete ON audit_log;
DROP FUNCTION audit_log_refuse_change();
DROP INDEX audit_log_actor_idx;
ALTER TABLE audit_log DROP COLUMN subject_account_id, DROP COLUMN actor_role, DROP COLUMN actor_account_id;
