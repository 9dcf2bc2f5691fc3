-- Issue 14, sign-in protection: failed sign-ins per account ('user:<name>') and per address
-- ('addr:<ip>'), the growing delay before the next try is allowed, and temporary locks.
-- Shared by all nodes of a cluster, so a lock holds whichever node is asked.
create table sign_in_guard (
    key             varchar(120) primary key,
    failures        integer      not null default 0,
    last_failure_at timestamptz,
    -- no try is accepted before this (the growing delay after each failure)
    blocked_until   timestamptz,
    -- locked after N failures: no try, not even the right password, is accepted before this
    locked_until    timestamptz
);
create index sign_in_guard_locked_idx on sign_in_guard (locked_until) where locked_until is not null;
