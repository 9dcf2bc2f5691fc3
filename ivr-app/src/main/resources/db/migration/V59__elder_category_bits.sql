-- Issue 15, coverage of the whole city at 200,000 elders: the counting pass grouped elder_category
-- by elder (a bit_or of every row) for all 200,000 elders on every view. Each elder's set of
-- categories is now kept on the elder row itself (elder.category_bits), by statement triggers on
-- elder_category, and the reports read it as a column.
--
-- Bit i is the category of ordinal i in the Java enum org.tanfang.scheduler.elder.Category (what
-- CoverageDecisions reads); category_bit gives it, 0 for a name the enum does not have.
-- ElderCategoryBitsTest fails when the enum and this function disagree: a new category, or a new
-- order, is a new migration replacing the function and calling elder_category_bits_rebuild().
create function category_bit(category varchar) returns integer
    language sql immutable parallel safe as $$
    select case category
        when 'SOLITARY_CHILDLESS' then 1
        when 'LIVING_ALONE' then 2
        when 'EMPTY_NEST' then 4
        when 'LEFT_BEHIND' then 8
        when 'DISABLED_CARE' then 16
        when 'SEVERE_DISABILITY' then 32
        when 'FAMILY_PLANNING_SPECIAL' then 64
        else 0 end
$$;

alter table elder add column category_bits integer not null default 0;

-- A row's (elder, category) is unique (the primary key), so a statement's removed rows are taken
-- out of their elder's bits and its added rows put in, with no recount: after any statement an
-- elder's bits are those of the rows it has. Statement triggers with transition tables: one
-- update per statement, however many rows (an import, a cascade, a registry save).
create function elder_category_bits_removed() returns trigger
    language plpgsql as $$
begin
    update elder e set category_bits = e.category_bits & ~r.bits
      from (select elder_id, bit_or(category_bit(category)) as bits
              from removed group by elder_id) r
     where e.id = r.elder_id and (e.category_bits & r.bits) <> 0;
    return null;
end
$$;

create function elder_category_bits_added() returns trigger
    language plpgsql as $$
begin
    update elder e set category_bits = e.category_bits | a.bits
      from (select elder_id, bit_or(category_bit(category)) as bits
              from added group by elder_id) a
     where e.id = a.elder_id and (e.category_bits | a.bits) <> e.category_bits;
    return null;
end
$$;

-- an update may move a row to another elder or change its category: out first, then in
create function elder_category_bits_changed() returns trigger
    language plpgsql as $$
begin
    update elder e set category_bits = (e.category_bits & ~coalesce(c.out_bits, 0))
                                       | coalesce(c.in_bits, 0)
      from (select coalesce(r.elder_id, a.elder_id) as elder_id, r.bits as out_bits,
                   a.bits as in_bits
              from (select elder_id, bit_or(category_bit(category)) as bits
                      from removed group by elder_id) r
              full join (select elder_id, bit_or(category_bit(category)) as bits
                           from added group by elder_id) a on a.elder_id = r.elder_id) c
     where e.id = c.elder_id;
    return null;
end
$$;

create function elder_category_bits_truncated() returns trigger
    language plpgsql as $$
begin
    update elder set category_bits = 0 where category_bits <> 0;
    return null;
end
$$;

create trigger elder_category_bits_delete after delete on elder_category
    referencing old table as removed
    for each statement execute function elder_category_bits_removed();
create trigger elder_category_bits_insert after insert on elder_category
    referencing new table as added
    for each statement execute function elder_category_bits_added();
create trigger elder_category_bits_update after update on elder_category
    referencing old table as removed new table as added
    for each statement execute function elder_category_bits_changed();
create trigger elder_category_bits_truncate after truncate on elder_category
    for each statement execute function elder_category_bits_truncated();

-- Every elder's bits counted again from elder_category (after a change of category_bit).
create function elder_category_bits_rebuild() returns void
    language sql as $$
update elder e set category_bits = coalesce(c.bits, 0)
  from elder x
  left join (select elder_id, bit_or(category_bit(category)) as bits
               from elder_category group by elder_id) c on c.elder_id = x.id
 where e.id = x.id and e.category_bits <> coalesce(c.bits, 0);
$$;

select elder_category_bits_rebuild();
analyze elder;
