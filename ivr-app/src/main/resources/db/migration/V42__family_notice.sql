-- Family notification calls for UNREACHABLE cases (README "Family notification").

-- One notification (a FAMILY_NOTICE visit with one call per emergency contact) per case.
create unique index visit_family_notice_once on visit (escalation_id) where purpose = 'FAMILY_NOTICE';

-- History actions such as FAMILY_CONFIRMED_SAFE (21) and FAMILY_VISIT_REQUESTED (22) did not fit.
alter table escalation_event alter column action type varchar(40);
