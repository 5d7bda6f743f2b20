-- Credential management, session tokens, IP allowlists and the shared rate-limit buckets (SPEC §2–§3).

alter table m2m_clients add column secret_rotated_at timestamptz;

-- Short-lived browser tokens minted by a platform's M2M client. The token itself is a JWT naming the session;
-- every request checks this row, so revocation takes effect at once.
create table sessions (
    id             uuid primary key,
    platform_id    uuid        not null references platforms (id),
    environment_id uuid        not null references environments (id),
    created_by     text        not null,
    scopes         text[]      not null,
    settlement_ids uuid[],
    expires_at     timestamptz not null,
    revoked_at     timestamptz,
    created_at     timestamptz not null default now()
);
create index sessions_environment on sessions (environment_id, created_at, id);

-- No rows for an environment = every address allowed; the first row restricts it.
create table ip_allowlist_entries (
    id             uuid primary key,
    environment_id uuid        not null references environments (id),
    cidr           text        not null,
    description    text check (description is null or char_length(description) <= 200),
    created_by     text        not null,
    created_at     timestamptz not null default now(),
    unique (environment_id, cidr)
);

-- Bucket4j's PostgreSQL proxy manager (SELECT … FOR UPDATE per request): one row per environment and limit, so
-- every node draws from one budget.
create table rate_limit_buckets (
    id         text primary key,
    state      bytea,
    expires_at bigint
);
