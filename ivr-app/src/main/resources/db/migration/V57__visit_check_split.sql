-- Issue 15 / issue 13: V55's visit_check recount read both call_attempt and visit_answer for any
-- change of either, so a dial's commit waited for a lock on visit_answer (HandoffFaultTest's 10 s
-- table lock held the dialer's insert of an attempt at commit: the dialer must not wait on the
-- conversation's table). Now each table's trigger recounts only its own columns, from its own
-- table: a dial keeps shortest_call, an answer the keypad columns. A new dial (inserted without a
-- result) recounts nothing. The row exists while either part has something, as before.

create function visit_check_calls(visit bigint) returns void
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
         where visit_id = visit and shortest_call is null and keypad_answers = 0;
    else
        insert into visit_check (visit_id, shortest_call, keypad_answers, keypad_one_key, keypad_span)
            values (visit, shortest, 0, false, null)
            on conflict (visit_id) do update set shortest_call = excluded.shortest_call;
    end if;
end
$$;

create function visit_check_answers(visit bigint) returns void
    language plpgsql as $$
declare
    answers integer;
    one_key boolean;
    span interval;
begin
    select count(*), count(distinct raw_key) = 1, max(answered_at) - min(answered_at)
      into answers, one_key, span
      from visit_answer
     where visit_id = visit and method = 'KEYPAD' and area <> 'IDENTITY';
    if answers = 0 then
        update visit_check set keypad_answers = 0, keypad_one_key = false, keypad_span = null
         where visit_id = visit;
        delete from visit_check
         where visit_id = visit and shortest_call is null and keypad_answers = 0;
    else
        insert into visit_check (visit_id, shortest_call, keypad_answers, keypad_one_key, keypad_span)
            values (visit, null, answers, one_key, span)
            on conflict (visit_id) do update
            set keypad_answers = excluded.keypad_answers, keypad_one_key = excluded.keypad_one_key,
                keypad_span = excluded.keypad_span;
    end if;
end
$$;

-- As V55's trigger (deferred, one recount of a visit at a time), per table.
create function visit_check_part_trigger() returns trigger
    language plpgsql as $$
declare
    visits bigint[];
    v bigint;
begin
    -- nested, not one condition: new.result exists only on call_attempt, and plpgsql does not
    -- promise to stop at the first false part of an "and"
    if tg_table_name = 'call_attempt' and tg_op = 'INSERT' then
        if new.result is distinct from 'ANSWERED' then
            return null;
        end if;
    end if;
    if tg_op = 'INSERT' then
        visits := array[new.visit_id];
    elsif tg_op = 'DELETE' then
        visits := array[old.visit_id];
    elsif new.visit_id <> old.visit_id then
        visits := array[old.visit_id, new.visit_id];
    else
        visits := array[new.visit_id];
    end if;
    foreach v in array visits loop
        perform pg_advisory_xact_lock(7155, (v % 2147483647)::integer);
        if tg_table_name = 'call_attempt' then
            perform visit_check_calls(v);
        else
            perform visit_check_answers(v);
        end if;
    end loop;
    return null;
end
$$;

drop trigger call_attempt_visit_check on call_attempt;
drop trigger visit_answer_visit_check on visit_answer;

create constraint trigger call_attempt_visit_check
    after insert or delete or update of visit_id, result, answered_at, ended_at on call_attempt
    deferrable initially deferred
    for each row execute function visit_check_part_trigger();
create constraint trigger visit_answer_visit_check
    after insert or delete or update of visit_id, method, area, raw_key, answered_at on visit_answer
    deferrable initially deferred
    for each row execute function visit_check_part_trigger();

drop function visit_check_trigger();
drop function visit_check_refresh(bigint);
