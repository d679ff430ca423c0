-- The audit log is append-only in the database itself, not only by the application's habit:
-- an UPDATE or DELETE through any connection fails.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE, DELETE ON audit_log FOR EACH ROW
    CALL 'org.workcell.server.internal.audit.AppendOnlyTrigger';
