-- Issue 15, the dashboard at 200,000 elders: the coverage of closed months for the 12-month trend,
-- stored per grid the first time a closed month is needed (reports.ClosedMonths), summed for any
-- area. A stored month keeps the registry as it stood then (as an issued monthly report does); a
-- valid visit dated in it that is recorded, changed or deleted afterwards drops the month, and the
-- next view stores it again.
create table coverage_month_stored (
    month     date        primary key check (extract(day from month) = 1),
    stored_at timestamptz not null
);

create table coverage_month (
    month     date        not null references coverage_month_stored (month) on delete cascade,
    district  varchar(20) not null,
    street    varchar(40) not null,
    community varchar(60) not null,
    grid      varchar(60) not null, -- '' for elders without one
    in_scope  integer     not null,
    covered   integer     not null,
    primary key (month, district, street, community, grid)
);

-- Drops the stored month a counting visit is dated in (local month in local_zone, V51). Shares the
-- advisory lock ClosedMonths stores a month under (7153, yyyymm): a month being stored waits for
-- this visit's commit, or this visit waits and then drops what was stored without it.
create function coverage_month_forget(at timestamptz) returns void
    language plpgsql as $$
declare
    local_at timestamp := at at time zone (select zone from local_zone);
begin
    perform pg_advisory_xact_lock_shared(7153,
        (extract(year from local_at) * 100 + extract(month from local_at))::integer);
    delete from coverage_month_stored where month = date_trunc('month', local_at)::date;
end
$$;

create function visit_coverage_month_trigger() returns trigger
    language plpgsql as $$
declare
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
        perform coverage_month_forget(old_at);
    end if;
    if new_at is not null then
        perform coverage_month_forget(new_at);
    end if;
    return null;
end
$$;

create trigger visit_coverage_month after insert or update or delete on visit
    for each row execute function visit_coverage_month_trigger();
