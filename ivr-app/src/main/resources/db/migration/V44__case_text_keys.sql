-- Case reasons and history details in the reader's language (issue 9): a message key and its
-- arguments beside the text, which stays as written in zh-CN for rows older than the keys and for
-- readers without a locale. Arguments are separated by U+001F.
alter table escalation add column reason_key varchar(80);
alter table escalation add column reason_args varchar(1000);
alter table escalation_event add column detail_key varchar(80);
alter table escalation_event add column detail_args varchar(1000);
