-- Issue 14, privacy and access: every account has a region scope, and audit entries say why.
-- Scope: all three null = the city; a district; a street (镇街) of a district; a community (村居)
-- of a street. Matched against the elder's district / street / community (RegionScope).
alter table app_user add column scope_district  varchar(20);
alter table app_user add column scope_street    varchar(40);
alter table app_user add column scope_community varchar(60);
alter table app_user add constraint app_user_scope_nested check (
    (scope_street is null or scope_district is not null)
    and (scope_community is null or scope_street is not null));

-- Why personal data was shown or exported: the role, or the case the caller holds.
alter table audit_event add column purpose varchar(200);
create index audit_event_username_idx on audit_event (username, at);
