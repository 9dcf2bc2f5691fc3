-- Visitors: the elders' human visitors sign in (role VISITOR) to see their elders and tasks and to
-- record home visits (README "Visitors").
alter table app_user drop constraint app_user_role_check;
alter table app_user add constraint app_user_role_check
    check (role in ('ADMIN', 'SUPERVISOR', 'STAFF', 'VISITOR'));

-- A VISITOR account is bound to the visitor the registry names on elders (elder.visitor_phone, the
-- digits to dial): their elders are those whose visitor_phone is this one.
create table visitor_account (
    username       varchar(40)  primary key references app_user (username),
    visitor_phone  varchar(20)  not null unique,
    created_at     timestamptz  not null
);
create index elder_visitor_phone_idx on elder (visitor_phone);

-- What a visitor recorded at a home visit beyond the six areas (those are visit_answer rows of the
-- visit, written by org.tanfang.visits): services arranged, hazards and whether they were removed,
-- the elder's wish about visits.
create table home_visit_report (
    visit_id         bigint       primary key references visit (id),
    escalation_id    bigint       not null references escalation (id),
    services         varchar(500),
    hazards          varchar(500),
    hazards_removed  varchar(10)  not null check (hazards_removed in ('NONE', 'REMOVED', 'NOT_REMOVED')),
    wish             varchar(12)  not null
        check (wish in ('SAME', 'MORE', 'PHONE_OK', 'FEWER', 'NOT_ASKED')),
    recorded_by      varchar(40)  not null,
    recorded_at      timestamptz  not null
);
