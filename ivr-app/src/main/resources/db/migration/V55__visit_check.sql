-- Issue 15, the checks at 200,000 elders: what the two phone-visit rules of 流于形式 read, one row
-- per visit, kept by triggers on call_attempt and visit_answer, so "too short" and "same key"
-- start from the few visits that look suspect instead of probing every call and answer of the
-- month (reports.SupervisionChecks, README "Supervision checks").
--   shortest_call  the shortest answered dial of the visit (ended_at - answered_at; result
--                  ANSWERED, both times set), null without one
--   keypad_answers keypad answers other than the identity question
--   keypad_one_key those answers all gave the same key (one distinct raw_key)
--   keypad_span    the time from the first of those answers to the last
create table visit_check (
    visit_id       bigint   primary key references visit (id) on delete cascade,
    shortest_call  interval,
    keypad_answers integer  not null,
    keypad_one_key boolean  not null,
    keypad_span    interval
);
create index visit_check_short_idx on visit_check (shortest_call) where shortest_call is not null;
-- the rule's fixed part (three answers or more, one key); its time limit is a setting
create index visit_check_same_key_idx on visit_check (keypad_span)
    where keypad_one_key and keypad_answers >= 3;

-- Recounts one visit from its dials and answers (a handful of rows, by index).
create function visit_check_refresh(visit bigint) returns void
    language plpgsql as $$
declare
    shortest interval;
    answers integer;
    one_key boolean;
    span interval;
begin
    select min(ended_at - answered_at) into shortest
      from call_attempt
     where visit_id = visit and result = 'ANSWERED' and answered_at is not null
       and ended_at is not null;
    select count(*), count(distinct raw_key) = 1, max(answered_at) - min(answered_at)
      into answers, one_key, span
      from visit_answer
     where visit_id = visit and method = 'KEYPAD' and area <> 'IDENTITY';
    if shortest is null and answers = 0 then
        delete from visit_check where visit_id = visit;
    else
        insert into visit_check (visit_id, shortest_call, keypad_answers, keypad_one_key, keypad_span)
            values (visit, shortest, answers, one_key, span)
            on conflict (visit_id) do update
            set shortest_call = excluded.shortest_call, keypad_answers = excluded.keypad_answers,
                keypad_one_key = excluded.keypad_one_key, keypad_span = excluded.keypad_span;
    end if;
end
$$;

-- Recounts the visit(s) a changed row belongs to, at commit (deferred), one transaction per
-- visit at a time (so a recount sees every committed row; the lock key is the visit id modulo
-- 2^31 - 1). At commit the trigger waits for nothing but another commit's recount of the same
-- visit, which waits for nothing: a call flow writing answers and the dialer ending the dial of
-- the same visit cannot deadlock on it, as they could if each took the lock mid-transaction.
create function visit_check_trigger() returns trigger
    language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform pg_advisory_xact_lock(7155, (old.visit_id % 2147483647)::integer);
        perform visit_check_refresh(old.visit_id);
    end if;
    if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.visit_id <> old.visit_id) then
        perform pg_advisory_xact_lock(7155, (new.visit_id % 2147483647)::integer);
        perform visit_check_refresh(new.visit_id);
    end if;
    return null;
end
$$;

-- Only the columns the rules read: a dial's status updates while it rings do not recount.
create constraint trigger call_attempt_visit_check
    after insert or delete or update of visit_id, result, answered_at, ended_at on call_attempt
    deferrable initially deferred
    for each row execute function visit_check_trigger();
create constraint trigger visit_answer_visit_check
    after insert or delete or update of visit_id, method, area, raw_key, answered_at on visit_answer
    deferrable initially deferred
    for each row execute function visit_check_trigger();

-- Counts every visit again in one statement (the visits already there; a bulk load with the two
-- triggers off).
create function visit_check_rebuild() returns void
    language sql as $$
delete from visit_check;
insert into visit_check (visit_id, shortest_call, keypad_answers, keypad_one_key, keypad_span)
select coalesce(c.visit_id, k.visit_id), c.shortest, coalesce(k.answers, 0),
       coalesce(k.one_key, false), k.span
  from (select visit_id, min(ended_at - answered_at) as shortest
          from call_attempt
         where result = 'ANSWERED' and answered_at is not null and ended_at is not null
         group by visit_id) c
  full join (select visit_id, count(*) as answers, count(distinct raw_key) = 1 as one_key,
                    max(answered_at) - min(answered_at) as span
               from visit_answer
              where method = 'KEYPAD' and area <> 'IDENTITY'
              group by visit_id) k on k.visit_id = c.visit_id;
$$;

select visit_check_rebuild();
