-- The desk (README "Escalation desk"). History actions such as FAMILY_CONFIRMED_SAFE (21) and
-- FAMILY_VISIT_REQUESTED (22) did not fit varchar(20).
alter table escalation_event alter column action type varchar(40);
