-- The activity log: who did what through the API (every successful state-changing /v1 call), logins (tokens
-- issued) and credential changes. Append-only; written in its own short transaction after the call completed.

create table activity_log (
    id             uuid primary key,
    occurred_at    timestamptz not null default now(),
    platform_id    uuid,
    environment_id uuid,
    actor          text        not null,
    actor_kind     text        not null,
    type           text        not null,
    category       text        not null,
    resource_type  text,
    resource_id    text,
    http_method    text,
    path           text,
    status_code    integer,
    request_id     text,
    ip_address     text,
    details        jsonb       not null default '{}'::jsonb
);

-- A platform's log, newest first (GET /v1/activity), and its filters.
create index activity_log_platform_time on activity_log (platform_id, occurred_at desc, id desc);
create index activity_log_platform_type on activity_log (platform_id, type, occurred_at desc);
create index activity_log_platform_category on activity_log (platform_id, category, occurred_at desc);
create index activity_log_platform_resource on activity_log (platform_id, resource_id) where resource_id is not null;
create index activity_log_environment_time on activity_log (environment_id, occurred_at desc)
    where environment_id is not null;
-- Operators across platforms (GET /v1/admin/activity).
create index activity_log_time on activity_log (occurred_at desc, id desc);
create index activity_log_actor_time on activity_log (actor, occurred_at desc);

-- The admin API counts transitions per period (GET /v1/admin/settlements/transitions); events are append-only, so
-- this index is cheap to keep.
create index settlement_events_created on settlement_events (created_at);
