-- Issue 13: the conversation's writes go through a durable hand-off (queue + local journal) and may
-- be applied twice after a replay. Each answer carries the hand-off's idempotency key (conversation
-- id, sequence number and question); the unique index makes a second insert a no-op.
alter table visit_answer add column handoff_key varchar(120);
create unique index visit_answer_handoff_key on visit_answer (handoff_key) where handoff_key is not null;

-- The hand-off's other entries (a conversation's outcome, a listen request) applied once: the key is
-- inserted in the same transaction as the write, so a replayed entry finds it and does nothing.
create table handoff_applied (
  key varchar(120) primary key,
  applied_at timestamptz not null default now()
);
