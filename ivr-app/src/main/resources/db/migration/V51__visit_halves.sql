-- Issue 15, the dashboard at 200,000 elders: which half months of a year each elder had a valid
-- (non-TEST) visit in, kept by a trigger on visit, so coverage reads one row per elder and year
-- instead of every visit. Bit 2*(month-1) is days 1-15 of the month, bit 2*(month-1)+1 days 16 to
-- the end, both in the application's zone (local_zone, set from tanfang.zone at start-up).
create table local_zone (
    id   boolean primary key default true check (id),
    zone varchar(64) not null
);
insert into local_zone (zone) values ('Asia/Shanghai');

create table elder_visit_halves (
    elder_id bigint   not null references elder (id) on delete cascade,
    year     smallint not null,
    halves   integer  not null,
    primary key (elder_id, year)
);

-- The moment a visit is dated by (the same expression as the reports' VISIT_AT).
create index visit_valid_at_idx
    on visit (elder_id, (coalesce(ended_at, started_at, planned_at, updated_at)))
    where valid and purpose <> 'TEST';

create function visit_half_bit(at timestamptz, zone varchar) returns integer
    language sql immutable as $$
    select 1 << ((extract(month from (at at time zone zone))::integer - 1) * 2
                 + case when extract(day from (at at time zone zone)) >= 16 then 1 else 0 end)
$$;

-- Recomputes one elder's year from the visits (after deletes and changes that may clear a bit).
create function elder_visit_halves_refresh(elder bigint, yr integer) returns void
    language plpgsql as $$
declare
    z varchar := (select zone from local_zone);
    from_at timestamptz := (make_date(yr, 1, 1)::timestamp at time zone z);
    to_at timestamptz := (make_date(yr + 1, 1, 1)::timestamp at time zone z);
    bits integer;
begin
    select coalesce(bit_or(visit_half_bit(coalesce(ended_at, started_at, planned_at, updated_at), z)), 0)
      into bits
      from visit
     where elder_id = elder and valid and purpose <> 'TEST'
       and coalesce(ended_at, started_at, planned_at, updated_at) >= from_at
       and coalesce(ended_at, started_at, planned_at, updated_at) < to_at;
    if bits = 0 then
        delete from elder_visit_halves where elder_id = elder and year = yr;
    else
        insert into elder_visit_halves (elder_id, year, halves) values (elder, yr, bits)
            on conflict (elder_id, year) do update set halves = excluded.halves;
    end if;
end
$$;

create function visit_halves_trigger() returns trigger
    language plpgsql as $$
declare
    z varchar := (select zone from local_zone);
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
    if old_counts and old_at is not null then
        -- one writer per elder at a time, so a recount sees every committed visit
        perform pg_advisory_xact_lock(7151, old.elder_id::integer);
        perform elder_visit_halves_refresh(old.elder_id,
            extract(year from (old_at at time zone z))::integer);
    end if;
    if new_counts and new_at is not null then
        perform pg_advisory_xact_lock(7151, new.elder_id::integer);
        insert into elder_visit_halves (elder_id, year, halves)
            values (new.elder_id, extract(year from (new_at at time zone z))::integer,
                    visit_half_bit(new_at, z))
            on conflict (elder_id, year)
            do update set halves = elder_visit_halves.halves | excluded.halves;
    end if;
    return null;
end
$$;

create trigger visit_halves after insert or update or delete on visit
    for each row execute function visit_halves_trigger();

-- The zone changed (tanfang.zone): recount everything in the new one.
create function elder_visit_halves_rebuild() returns void
    language plpgsql as $$
declare
    z varchar := (select zone from local_zone);
begin
    delete from elder_visit_halves;
    insert into elder_visit_halves (elder_id, year, halves)
    select elder_id, extract(year from (at at time zone z))::integer, bit_or(visit_half_bit(at, z))
      from (select elder_id, coalesce(ended_at, started_at, planned_at, updated_at) as at
              from visit where valid and purpose <> 'TEST') v
     where at is not null
     group by 1, 2;
end
$$;

select elder_visit_halves_rebuild();

-- The dashboard's other queries filter by the month: index what they filter on.
create index escalation_created_idx on escalation (created_at);
create index call_attempt_ended_idx on call_attempt (ended_at);
create index visit_answer_answered_idx on visit_answer (answered_at);
