-- Issue 14: a generated or reset password must be changed at the next sign-in.
alter table app_user add column must_change_password boolean not null default false;
alter table app_user add column password_changed_at timestamptz;
