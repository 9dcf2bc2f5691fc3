-- Issue 15: V51's visit_halves_trigger and V53's visit_coverage_month_trigger began with the same
-- twenty lines (does the old / new row count, its date, did either change). One trigger now does
-- both: it decides once, then recounts the elder's visited halves (V51) and drops the stored
-- closed months (V53) the old and new dates fall in. Same behaviour as the two it replaces.
drop trigger visit_halves on visit;
drop trigger visit_coverage_month on visit;
drop function visit_halves_trigger();
drop function visit_coverage_month_trigger();

create function visit_counted_trigger() returns trigger
    language plpgsql as $$
declare
    z varchar := (select zone from local_zone);
    -- a visit counts when it is valid and not a TEST; it is dated as the reports date it
    old_counts boolean := tg_op <> 'INSERT' and old.valid and old.purpose <> 'TEST';
    new_counts boolean := tg_op <> 'DELETE' and new.valid and new.purpose <> 'TEST';
    old_at timestamptz;
    new_at timestamptz;
begin
    if old_counts then
        old_at := coalesce(old.ended_at, old.started_at, old.planned_at, old.updated_at);
    end if;
    if new_counts then
        new_at := coalesce(new.ended_at, new.started_at, new.planned_at, new.updated_at);
    end if;
    if old_counts and new_counts and old.elder_id = new.elder_id
       and old_at is not distinct from new_at then
        return null;
    end if;
    if old_at is not null then
        -- one writer per elder at a time, so a recount sees every committed visit
        perform pg_advisory_xact_lock(7151, old.elder_id::integer);
        perform elder_visit_halves_refresh(old.elder_id,
            extract(year from (old_at at time zone z))::integer);
        perform coverage_month_forget(old_at);
    end if;
    if new_at is not null then
        perform pg_advisory_xact_lock(7151, new.elder_id::integer);
        insert into elder_visit_halves (elder_id, year, halves)
            values (new.elder_id, extract(year from (new_at at time zone z))::integer,
                    visit_half_bit(new_at, z))
            on conflict (elder_id, year)
            do update set halves = elder_visit_halves.halves | excluded.halves;
        perform coverage_month_forget(new_at);
    end if;
    return null;
end
$$;

create trigger visit_counted after insert or update or delete on visit
    for each row execute function visit_counted_trigger();
