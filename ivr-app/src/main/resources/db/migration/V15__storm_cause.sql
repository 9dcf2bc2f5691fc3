-- Storm mode across nodes (issue 12, README "Storm mode"): the open pbx_storm row is the storm
-- every node obeys; each row says why it opened and which trunk it concerns.

-- FAILURES: the failure share over the sliding window; AMI_LOST: a node lost its AMI connection to
-- the PBX (ended by the reconnect or by probes); REGISTRATION_LOST: the trunk's outbound
-- registration is not Registered.
alter table pbx_storm add column cause varchar(20) not null default 'FAILURES'
    check (cause in ('FAILURES', 'AMI_LOST', 'REGISTRATION_LOST'));
-- The trunk of the PBX's channel template (PJSIP/{number}@trunk: 'trunk'); null: the whole PBX.
alter table pbx_storm add column trunk varchar(80);
