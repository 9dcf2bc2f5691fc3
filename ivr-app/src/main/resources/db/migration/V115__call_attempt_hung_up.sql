-- Issue 13: when the PBX hung up a dialled call. An answered attempt stays IN_CALL until its
-- conversation's writes are in (then it ends and its visit closes), but its channel is free from
-- the hang-up: the busy-channel count skips attempts with hung_up_at set.
alter table call_attempt add column hung_up_at timestamptz;
