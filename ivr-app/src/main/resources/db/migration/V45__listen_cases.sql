-- Understanding fails safe (issue 10): a spoken reply the machine is not sure of becomes a case in
-- which a person listens to the recording: LISTEN (low priority) or, for words that may be
-- distress below HELP, LISTEN_NOW.
alter table escalation drop constraint escalation_type_check;
alter table escalation add constraint escalation_type_check
    check (type in ('DISTRESS', 'LISTEN_NOW', 'FOLLOW_UP', 'NEEDS', 'LISTEN', 'UNREACHABLE',
                    'PARTIAL', 'HOME_VISIT'));
