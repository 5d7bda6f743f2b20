-- Webhook endpoints, the per-endpoint delivery queue (filled in the same transaction as the outbox row) and the
-- log of every delivery attempt.

create table webhook_endpoints (
    id                          uuid primary key,
    platform_id                 uuid        not null,
    environment_id              uuid        not null,
    url                         text        not null check (char_length(url) between 1 and 2048),
    description                 text check (char_length(description) <= 500),
    events                      text[]      not null,
    secret                      text        not null,
    previous_secret             text,
    previous_secret_valid_until timestamptz,
    is_active                   boolean     not null default true,
    disabled_reason             text,
    disabled_at                 timestamptz,
    failing_since               timestamptz,
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now()
);
create index webhook_endpoints_environment on webhook_endpoints (environment_id) where is_active;
create index webhook_endpoints_platform on webhook_endpoints (platform_id);

create table webhook_deliveries (
    id              uuid primary key,
    endpoint_id     uuid        not null references webhook_endpoints (id) on delete cascade,
    outbox_id       uuid        not null references webhook_outbox (id),
    event_id        text        not null,
    event_type      text        not null,
    status          text        not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    leased_by       text,
    leased_until    timestamptz,
    last_status_code integer,
    last_error      text,
    last_attempt_at timestamptz,
    created_at      timestamptz not null default now(),
    completed_at    timestamptz,
    unique (endpoint_id, event_id)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at desc);

create table webhook_attempts (
    id               uuid primary key,
    delivery_id      uuid        not null references webhook_deliveries (id) on delete cascade,
    attempt          integer     not null,
    started_at       timestamptz not null,
    duration_ms      integer     not null,
    status_code      integer,
    error            text,
    response_excerpt text,
    unique (delivery_id, attempt)
);
