-- Issue 13 item 5: each node paces its share. Every pacing pass stamps its node's row (database
-- time) and counts the nodes whose stamp is recent: a node claims at most its share of each PBX's
-- channels (channel limit ÷ pacing nodes), so two nodes dial in parallel instead of the first pass
-- taking every free channel. A graceful stop deletes its node's row; a dead node's row lapses.
-- Owned by org.tanfang.scheduling (PacingNodes).
create table pacing_node (
    node      varchar(200) primary key,
    beat_at   timestamptz not null,
    every_ms  integer not null check (every_ms > 0)
);
