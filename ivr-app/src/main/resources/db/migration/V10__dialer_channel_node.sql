-- Issue 11: the node that placed a call-back (staff_call, escalation block), by its channel id, so
-- that at start-up a node ends the call-backs a node that is gone (this one before a crash, or one
-- whose Quartz check-in lapsed) left DIALING or IN_CALL, as it does for call attempts
-- (call_attempt.claimed_by). A table of its own: V10 runs before the escalation block's tables.
create table dialer_channel_node (
    channel_id varchar(64) primary key,
    node       varchar(80) not null
);
