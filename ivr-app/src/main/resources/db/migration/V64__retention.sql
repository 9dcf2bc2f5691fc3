-- Issue 14, retention: what the retention job removed from an answer, when and why. The intent,
-- keys and needs stay (the visit's outcome); the audio (recording_path) and the transcript text are
-- cleared. Reasons: RETENTION (older than its period) or DEPARTED (the elder died or left the
-- programme, shorter period for the audio).
alter table visit_answer add column recording_removed_at timestamptz;
alter table visit_answer add column recording_removed_reason varchar(10)
    check (recording_removed_reason in ('RETENTION', 'DEPARTED'));
alter table visit_answer add column transcript_removed_at timestamptz;
alter table visit_answer add column transcript_removed_reason varchar(10)
    check (transcript_removed_reason in ('RETENTION'));
-- the job looks for answers that still hold audio or text, oldest first
create index visit_answer_recording_idx on visit_answer (answered_at) where recording_path is not null;
create index visit_answer_transcript_idx on visit_answer (answered_at) where transcript is not null;
