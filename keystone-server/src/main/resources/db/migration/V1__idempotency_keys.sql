-- Idempotency keys: one row per (scope, operation, key). The primary key is what makes concurrent
-- first calls race-safe across nodes. Kept as long as the resource exists (no expiry job deletes them).
create table idempotency_keys (
    scope_id        text        not null,
    operation       text        not null,
    idempotency_key text        not null check (char_length(idempotency_key) between 1 and 255),
    request_hash    text        not null,
    status          text        not null check (status in ('in_flight', 'completed')),
    lease_token     text        not null,
    locked_until    timestamptz not null,
    resource_id     text,
    created_at      timestamptz not null default now(),
    completed_at    timestamptz,
    primary key (scope_id, operation, idempotency_key),
    check ((status = 'completed') = (resource_id is not null))
);
