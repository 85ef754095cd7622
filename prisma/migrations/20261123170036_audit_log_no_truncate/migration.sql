-- TRUNCATE skips row-level triggers, so the append-only guard on audit_log
-- never saw it: `TRUNCATE audit_log` (or `TRUNCATE apps CASCADE`) emptied the
-- log. Refuse it at the statement level too. Deleting an app still removes
-- its entries, row by row, through the cascade the row guard lets pass.
CREATE FUNCTION herald_audit_log_truncate_guard() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (TRUNCATE refused)' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION herald_audit_log_truncate_guard();
