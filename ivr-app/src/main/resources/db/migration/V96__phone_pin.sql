-- A phone PIN an elder registers so the line can identify them when they call from a number the
-- registry does not know, or with the number withheld (README "The inbound line"). The PIN itself
-- is never stored: only its salted hash (the application's PasswordEncoder, bcrypt). Written by
-- the call flow (org.tanfang.callflow.PhonePins) alone.
alter table elder add column phone_pin_hash         varchar(100);
alter table elder add column phone_pin_set_at       timestamptz;
-- wrong entries in a row on the line; back to 0 on a right one, on a lock and on a reset
alter table elder add column phone_pin_failed       integer not null default 0
    check (phone_pin_failed >= 0);
alter table elder add column phone_pin_locked_until timestamptz;

-- the ID number's last four, asked of an unknown caller before the PIN
create index elder_id_tail_idx on elder (upper(right(id_number, 4))) where phone_pin_hash is not null;

alter table inbound_call drop constraint inbound_call_identified_by_check;
alter table inbound_call add constraint inbound_call_identified_by_check
    check (identified_by in ('CALLER_ID', 'ID_DIGITS', 'PIN'));
