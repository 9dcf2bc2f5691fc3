-- The node that answered a call into the line, so a node starting up ends the calls a stopped node
-- left open (StartupReconciler), and the result LOST for such a call. The inbound attempt keeps its
-- node in call_attempt.claimed_by, as a dialled one does.
alter table inbound_call add column node varchar(80);
alter table inbound_call drop constraint inbound_call_result_check;
alter table inbound_call add constraint inbound_call_result_check
    check (result in ('VISIT', 'STAFF', 'HUNG_UP', 'LOST'));
create index inbound_call_open_idx on inbound_call (node) where ended_at is null;
