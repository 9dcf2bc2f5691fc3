-- A call-back ended by a reconcile (the PBX restarted or the node that placed it is gone) says so:
-- result PBX_LOST, shown on the case as "the PBX restarted or the call was lost; ended".
alter table staff_call drop constraint staff_call_result_check;
alter table staff_call add constraint staff_call_result_check
    check (result in ('ANSWERED', 'NO_ANSWER', 'BUSY', 'CONGESTION', 'INVALID_NUMBER',
                      'STAFF_NO_ANSWER', 'CANCELLED', 'FAILED', 'PBX_LOST'));
