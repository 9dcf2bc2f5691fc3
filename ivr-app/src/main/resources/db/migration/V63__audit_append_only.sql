-- Issue 14: the audit log is append-only, as the case history (escalation_event) is: the database
-- refuses to change or delete an entry, whoever asks.
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only (% refused)', tg_op;
end;
$$;
create trigger audit_event_no_change before update or delete on audit_event
    for each row execute function audit_event_append_only();
create index audit_event_action_idx on audit_event (action, at);
