-- A caller into the line who pressed 9 (distress) before being identified: a DISTRESS case with no
-- elder, only the number the call came from (normalised; null when withheld), so staff find it on
-- the desk. Only DISTRESS cases may lack an elder. Each such call is a case of its own (the
-- open-once index treats null elders as distinct).
alter table escalation alter column elder_id drop not null;
alter table escalation add column caller_number varchar(32);
alter table escalation add constraint escalation_elder_or_unidentified_distress
    check (elder_id is not null or type = 'DISTRESS');
