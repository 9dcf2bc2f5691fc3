-- Issue 15, the checks at 200,000 elders: "identity not confirmed" (formality.identityNotConfirmed)
-- read every phone visit of the month against the identity answers (a scan of visit_answer).
-- visit_check now also keeps, per visit, whether an answer confirmed the identity
-- (identity_confirmed: an answer with area IDENTITY and intent YES), kept by the answers' trigger
-- (V57: an answer's change reads only visit_answer, a dial's only call_attempt) and counted here for
-- the visits already there. A visit's row exists while any of its parts has something. The
-- trigger on visit_answer now also follows intent. And statistics on the month expressions (end).

alter table visit_check add column identity_confirmed boolean not null default false;
-- the rule reads the confirmed visits' ids (an anti-join, index only)
create index visit_check_identity_idx on visit_check (visit_id) where identity_confirmed;

create or replace function visit_check_calls(visit bigint) returns void
    language plpgsql as $$
declare
    shortest interval;
begin
    select min(ended_at - answered_at) into shortest
      from call_attempt
     where visit_id = visit and result = 'ANSWERED' and answered_at is not null
       and ended_at is not null;
    if shortest is null then
        update visit_check set shortest_call = null where visit_id = visit;
        delete from visit_check
         where visit_id = visit and shortest_call is null and keypad_answers = 0
           and not identity_confirmed;
    else
        insert into visit_check (visit_id, shortest_call, keypad_answers, keypad_one_key, keypad_span)
            values (visit, shortest, 0, false, null)
            on conflict (visit_id) do update set shortest_call = excluded.shortest_call;
    end if;
end
$$;

create or replace function visit_check_answers(visit bigint) returns void
    language plpgsql as $$
declare
    answers integer;
    one_key boolean;
    span interval;
    confirmed boolean;
begin
    select count(*) filter (where method = 'KEYPAD' and area <> 'IDENTITY'),
           count(distinct raw_key) filter (where method = 'KEYPAD' and area <> 'IDENTITY') = 1,
           max(answered_at) filter (where method = 'KEYPAD' and area <> 'IDENTITY')
             - min(answered_at) filter (where method = 'KEYPAD' and area <> 'IDENTITY'),
           coalesce(bool_or(area = 'IDENTITY' and intent = 'YES'), false)
      into answers, one_key, span, confirmed
      from visit_answer
     where visit_id = visit;
    if answers = 0 and not confirmed then
        update visit_check
           set keypad_answers = 0, keypad_one_key = false, keypad_span = null,
               identity_confirmed = false
         where visit_id = visit;
        delete from visit_check
         where visit_id = visit and shortest_call is null and keypad_answers = 0
           and not identity_confirmed;
    else
        insert into visit_check (visit_id, shortest_call, keypad_answers, keypad_one_key, keypad_span,
                                 identity_confirmed)
            values (visit, null, answers, one_key, span, confirmed)
            on conflict (visit_id) do update
            set keypad_answers = excluded.keypad_answers, keypad_one_key = excluded.keypad_one_key,
                keypad_span = excluded.keypad_span, identity_confirmed = excluded.identity_confirmed;
    end if;
end
$$;

drop trigger visit_answer_visit_check on visit_answer;
create constraint trigger visit_answer_visit_check
    after insert or delete or update of visit_id, method, area, raw_key, intent, answered_at
    on visit_answer
    deferrable initially deferred
    for each row execute function visit_check_part_trigger();

create or replace function visit_check_rebuild() returns void
    language sql as $$
delete from visit_check;
insert into visit_check (visit_id, shortest_call, keypad_answers, keypad_one_key, keypad_span,
                         identity_confirmed)
select coalesce(c.visit_id, k.visit_id), c.shortest, coalesce(k.answers, 0),
       coalesce(k.one_key, false), k.span, coalesce(k.confirmed, false)
  from (select visit_id, min(ended_at - answered_at) as shortest
          from call_attempt
         where result = 'ANSWERED' and answered_at is not null and ended_at is not null
         group by visit_id) c
  full join (select visit_id,
                    count(*) filter (where method = 'KEYPAD' and area <> 'IDENTITY') as answers,
                    count(distinct raw_key)
                      filter (where method = 'KEYPAD' and area <> 'IDENTITY') = 1 as one_key,
                    max(answered_at) filter (where method = 'KEYPAD' and area <> 'IDENTITY')
                      - min(answered_at) filter (where method = 'KEYPAD' and area <> 'IDENTITY')
                      as span,
                    bool_or(area = 'IDENTITY' and intent = 'YES') as confirmed
               from visit_answer
              where (method = 'KEYPAD' and area <> 'IDENTITY')
                 or (area = 'IDENTITY' and intent = 'YES')
              group by visit_id) k on k.visit_id = c.visit_id;
$$;

-- the visits already there: only the flag is new (the other columns are as the triggers kept them)
update visit_check k set identity_confirmed = true
 where exists (select 1 from visit_answer a
                where a.visit_id = k.visit_id and a.area = 'IDENTITY' and a.intent = 'YES');
insert into visit_check (visit_id, shortest_call, keypad_answers, keypad_one_key, keypad_span,
                         identity_confirmed)
select distinct a.visit_id, null::interval, 0, false, null::interval, true
  from visit_answer a
 where a.area = 'IDENTITY' and a.intent = 'YES'
   and not exists (select 1 from visit_check k where k.visit_id = a.visit_id);

-- Statistics for the planner. The month expressions' indexes (V52, V56) are partial, and
-- PostgreSQL reads no statistics from a partial index: it guessed a month's valid visits at 11,800
-- (there are 220,000 at 200,000 elders) and planned for few rows (h-checks' lateral work-around,
-- the identity rule's merge anti-join through 200,000 heap reads). Statistics on the expressions
-- themselves (PostgreSQL 14) give the real counts: the identity rule EXPLAIN ANALYZE, load ~20,
-- 1.2 s -> 0.5-0.9 s (a hashed anti-join). The analyze also gives V56's index its own statistics:
-- the home rules read it instead of all the month's valid visits (odd hours 559 -> 105 ms, bursts
-- 302 -> 58 ms).
create statistics visit_month_stats on (coalesce(ended_at, started_at, planned_at, updated_at))
    from visit;
analyze visit;
analyze visit_check;
-- Not on call_attempt's month expression: with the real count the planner hashed the month's dials
-- against a scan of every visit (activity's dials by result 1.1 s -> 2.7 s, same load) instead of
-- looking each dial's visit up by id.
