-- Issue 15: the indexes the dashboard's month queries filter on (V51's call_attempt index did not
-- match the queries' expression), and a notice to open dashboards when a visit or a case changes.
drop index call_attempt_ended_idx;
create index call_attempt_ended_at_idx on call_attempt ((coalesce(ended_at, dialed_at)))
    where status = 'ENDED';
create index visit_valid_month_idx on visit ((coalesce(ended_at, started_at, planned_at, updated_at)))
    where valid and purpose <> 'TEST';
create index visit_unreachable_month_idx on visit ((coalesce(escalated_at, updated_at)))
    where status = 'UNREACHABLE';

-- NOTIFY dashboard_changed with the elder's district, street and community (unit separator
-- between), sent on commit; a transaction's identical notices reach listeners once.
create function dashboard_notify(elder_key bigint) returns void
    language plpgsql as $$
declare
    r record;
begin
    select district, street, community into r from elder where id = elder_key;
    perform pg_notify('dashboard_changed',
        coalesce(r.district, '') || chr(31) || coalesce(r.street, '') || chr(31)
        || coalesce(r.community, ''));
end
$$;

create function visit_dashboard_trigger() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform dashboard_notify(old.elder_id);
    elsif tg_op = 'INSERT'
          or old.valid is distinct from new.valid
          or old.status is distinct from new.status
          or old.kind is distinct from new.kind
          or old.elder_id is distinct from new.elder_id then
        perform dashboard_notify(new.elder_id);
    end if;
    return null;
end
$$;

create trigger visit_dashboard after insert or update or delete on visit
    for each row execute function visit_dashboard_trigger();

create function escalation_dashboard_trigger() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform dashboard_notify(old.elder_id);
    elsif tg_op = 'INSERT'
          or old.state is distinct from new.state
          or old.level is distinct from new.level
          or old.claimed_at is distinct from new.claimed_at
          or old.resolved_at is distinct from new.resolved_at then
        perform dashboard_notify(new.elder_id);
    end if;
    return null;
end
$$;

create trigger escalation_dashboard after insert or update or delete on escalation
    for each row execute function escalation_dashboard_trigger();
