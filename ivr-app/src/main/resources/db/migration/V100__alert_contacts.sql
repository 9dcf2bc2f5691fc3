-- Alert block (README "Special rounds", alert contacts): a declared weather alert also calls each
-- elder's first emergency contact with the alert's safety message. That call is a FAMILY_NOTICE
-- visit of the round (special_round_id set, escalation_id null) beside the elder's own visit, so the
-- one-visit-per-elder-and-round rule is kept per purpose.
drop index visit_round_once;
create unique index visit_round_once on visit (elder_id, special_round_id)
    where special_round_id is not null and purpose <> 'FAMILY_NOTICE';
create unique index visit_round_contact_once on visit (elder_id, special_round_id)
    where special_round_id is not null and purpose = 'FAMILY_NOTICE';
