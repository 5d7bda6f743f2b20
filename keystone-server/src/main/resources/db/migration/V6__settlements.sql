-- Settlements, their parties and legs, the append-only event chain, the webhook outbox and the engine's job queue.

create table settlements (
    id                   uuid primary key,
    idempotency_key      text,
    platform_id          uuid        not null,
    environment_id       uuid        not null,
    environment_kind     text        not null check (environment_kind in ('sandbox', 'production')),
    template_id          uuid        not null,
    template_slug        text        not null,
    template_version     integer     not null,
    external_reference   text,
    settlement_type      text        not null check (settlement_type in ('single_platform', 'cross_platform')),
    settlement_category  text check (settlement_category in ('repo_open', 'repo_close')),
    parent_settlement_id uuid references settlements (id),
    maturity_at          timestamptz,
    repo_metadata        jsonb,
    state                text        not null,
    version              integer     not null check (version >= 1),
    timeout_at           timestamptz not null,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
create index settlements_environment_created on settlements (environment_id, created_at desc, id);
create unique index settlements_repo_close_once on settlements (parent_settlement_id)
    where settlement_category = 'repo_close';

create table settlement_parties (
    id                 uuid primary key,
    settlement_id      uuid        not null references settlements (id),
    role               text        not null,
    platform_id        uuid        not null,
    environment_id     uuid        not null,
    external_reference text,
    name               text,
    wallet_address     text        not null,
    chain_id           bigint      not null,
    status             text        not null default 'pending'
        check (status in ('pending', 'cleared', 'flagged', 'failed')),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    unique (settlement_id, role)
);
-- Visibility: a platform sees every settlement in which one of its environments has a party.
create index settlement_parties_environment on settlement_parties (environment_id, settlement_id);

create table settlement_legs (
    id                 uuid primary key,
    settlement_id      uuid        not null references settlements (id),
    leg_index          integer     not null,
    leg_type           text        not null check (leg_type in ('asset_delivery', 'payment')),
    instrument_id      text        not null,
    chain_id           bigint      not null,
    token_standard     text        not null,
    quantity           numeric     not null check (quantity > 0),
    direction          text        not null check (direction in ('deliver', 'receive')),
    party_role         text        not null,
    external_reference text,
    status             text        not null default 'pending'
        check (status in ('pending', 'locked', 'released', 'rolled_back')),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    unique (settlement_id, leg_index)
);

-- Append-only audit trail. sequence is gap-free per settlement (assigned under the settlement's row lock);
-- content_hash chains each event to the previous one.
create table settlement_events (
    id            uuid primary key,
    settlement_id uuid        not null references settlements (id),
    sequence      integer     not null check (sequence >= 1),
    from_state    text,
    to_state      text        not null,
    triggered_by  text        not null,
    payload       jsonb       not null,
    evidence_hash text        not null,
    content_hash  text        not null,
    created_at    timestamptz not null,
    unique (settlement_id, sequence)
);

-- Webhook outbox: written in the same transaction as the change it announces, one row per receiving
-- platform environment. Delivery is the webhook module's job.
create table webhook_outbox (
    id             uuid primary key,
    event_id       text        not null,
    event_type     text        not null,
    platform_id    uuid        not null,
    environment_id uuid        not null,
    settlement_id  uuid,
    payload        jsonb       not null,
    created_at     timestamptz not null default now(),
    unique (event_id, environment_id)
);
create index webhook_outbox_environment_created on webhook_outbox (environment_id, created_at, id);

-- The engine's durable job queue: at most one job per (settlement, kind); a worker leases a job with
-- FOR UPDATE SKIP LOCKED; a lease left by a crashed node expires and the job runs again.
create table engine_jobs (
    id            bigserial primary key,
    settlement_id uuid        not null references settlements (id),
    kind          text        not null check (kind in ('advance', 'timeout', 'maturity')),
    run_at        timestamptz not null default now(),
    generation    integer     not null default 0,
    attempts      integer     not null default 0,
    last_error    text,
    leased_by     text,
    leased_until  timestamptz,
    created_at    timestamptz not null default now(),
    unique (settlement_id, kind)
);
create index engine_jobs_due on engine_jobs (run_at);
