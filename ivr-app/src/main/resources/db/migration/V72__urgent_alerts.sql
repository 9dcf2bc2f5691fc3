-- Visitors block, for weather alerts (README "Special rounds", alert timing): a red-level alert a
-- supervisor marks urgent may be called outside the elders' own call windows (but inside the city's
-- calling hours), and with an explicit confirmation also during the night quiet hours.
alter table special_round add column alert_level varchar(6)
    check (alert_level in ('BLUE', 'YELLOW', 'ORANGE', 'RED'));
alter table special_round add column urgency varchar(12) not null default 'NORMAL'
    check (urgency in ('NORMAL', 'URGENT', 'URGENT_NIGHT'));
