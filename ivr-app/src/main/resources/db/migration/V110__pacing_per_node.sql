-- Issue 13: pacing runs on every node (an in-memory, per-node Quartz scheduler: NodePacing), no
-- longer as one job of the clustered store. The clustered store's pacing job and its trigger are
-- removed, so no node fires the old one too.
delete from qrtz_simple_triggers where trigger_group = 'tanfang-scheduling' and trigger_name = 'pacing';
delete from qrtz_fired_triggers where trigger_group = 'tanfang-scheduling' and trigger_name = 'pacing';
delete from qrtz_triggers where job_group = 'tanfang-scheduling' and job_name = 'pacing';
delete from qrtz_job_details where job_group = 'tanfang-scheduling' and job_name = 'pacing';
