-- Conversation memory: a call first asks about what the previous visit found (UNWELL, a need, a
-- hazard, no family contact, a special situation). The rules are data
-- (callflow/followups-v<N>.json); each follow-up answer is a visit_answer row of area FOLLOW_UP
-- that names the answer it follows up and the rule (and its version) that asked it.
alter table visit_answer drop constraint visit_answer_area_check;
alter table visit_answer add constraint visit_answer_area_check
    check (area in ('IDENTITY', 'HEALTH', 'LIVING', 'FAMILY', 'SAFETY', 'CARE_NEEDS', 'SPECIAL',
                    'CONTACT', 'FOLLOW_UP'));
-- BETTER / NOT_BETTER: the elder's answer to "is it better now?"; ACKNOWLEDGED: the need had been
-- resolved by staff since, so the call said so instead of asking.
alter table visit_answer drop constraint visit_answer_intent_check;
alter table visit_answer add constraint visit_answer_intent_check
    check (intent in ('FINE', 'UNWELL', 'HELP', 'NEEDS', 'UNCLEAR', 'SILENT', 'YES', 'NO',
                      'BETTER', 'NOT_BETTER', 'ACKNOWLEDGED'));
-- the answer followed up (set null if that row is ever erased; the rule still says what was asked)
alter table visit_answer add column follows_up bigint references visit_answer (id) on delete set null;
alter table visit_answer add column follow_up_rule varchar(60);
alter table visit_answer add constraint visit_answer_follow_up_check
    check ((area = 'FOLLOW_UP') = (follow_up_rule is not null));
create index visit_answer_follows_up_idx on visit_answer (follows_up) where follows_up is not null;
