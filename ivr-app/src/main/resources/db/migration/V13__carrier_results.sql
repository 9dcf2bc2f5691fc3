-- Carrier announcements and voicemail (issue 12, README "Carrier announcements, voicemail and
-- storms"): new attempt results and the evidence that decided them. Why a number was flagged for
-- correction is the result of the attempt phone_correction.attempt_id names.

alter table call_attempt alter column result type varchar(20);
alter table call_attempt drop constraint call_attempt_result_check;
alter table call_attempt add constraint call_attempt_result_check
    check (result in ('ANSWERED', 'NO_ANSWER', 'BUSY', 'INVALID_NUMBER', 'CONGESTION', 'FAILED',
                      'SWITCHED_OFF', 'SUSPENDED', 'NO_SUCH_NUMBER', 'UNREACHABLE_NETWORK',
                      'VOICEMAIL'));

-- What the line said before (or instead of) the elder: the recognised words of the announcement or
-- greeting, how many seconds after the dialplan started listening the decision fell, and what
-- decided it (the words, the Q.850 cause alone, or both).
alter table call_attempt add column evidence_transcript varchar(300);
alter table call_attempt add column evidence_seconds numeric(6, 2);
alter table call_attempt add column evidence_source varchar(12)
    check (evidence_source in ('SPEECH', 'CAUSE', 'SPEECH_CAUSE', 'ENERGY'));
-- The result the call flow recognised on the line (carrier announcement or voicemail); the
-- attempt ends with it when the channel hangs up.
alter table call_attempt add column detected_result varchar(20)
    check (detected_result in ('SWITCHED_OFF', 'SUSPENDED', 'NO_SUCH_NUMBER',
                               'UNREACHABLE_NETWORK', 'VOICEMAIL', 'BUSY'));
