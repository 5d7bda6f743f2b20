create table platforms (
    id            uuid primary key,
    name          text        not null check (char_length(name) between 1 and 200),
    slug          text        not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    status        text        not null default 'active' check (status in ('active', 'suspended')),
    logo_url      text,
    support_email text,
    support_url   text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create table environments (
    id                      uuid primary key,
    platform_id             uuid        not null references platforms (id),
    name                    text        not null check (char_length(name) between 1 and 100),
    slug                    text        not null check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    kind                    text        not null check (kind in ('sandbox', 'production')),
    api_version             text        not null,
    default_timeout_seconds integer     not null default 3600 check (default_timeout_seconds between 60 and 604800),
    rate_limit_rpm          integer     not null default 600 check (rate_limit_rpm between 1 and 1000000),
    webhook_url             text,
    is_active               boolean     not null default true,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    unique (platform_id, slug)
);

-- Machine-to-machine OAuth2 clients. A platform client is bound to exactly one environment; an operator
-- client (KeyStone staff automation) to none. Only the secret's hash is stored.
create table m2m_clients (
    id             uuid primary key,
    client_id      text        not null unique,
    secret_hash    text        not null,
    name           text        not null,
    kind           text        not null check (kind in ('platform', 'operator')),
    platform_id    uuid references platforms (id),
    environment_id uuid references environments (id),
    scopes         text[]      not null,
    revoked_at     timestamptz,
    created_at     timestamptz not null default now(),
    check ((kind = 'platform') = (environment_id is not null and platform_id is not null))
);
create index m2m_clients_environment on m2m_clients (environment_id);

-- KeyStone staff. Password login arrives with the dashboard; the seeded account exists from day one.
create table operators (
    id            uuid primary key,
    email         text        not null unique,
    name          text        not null,
    password_hash text        not null,
    created_at    timestamptz not null default now()
);

-- RS256 signing keys of the built-in issuer, shared by every node. The newest unretired key signs; retired keys
-- stay published until every token they signed has expired.
create table signing_keys (
    kid         text primary key,
    algorithm   text        not null check (algorithm = 'RS256'),
    private_key bytea       not null,
    public_key  bytea       not null,
    created_at  timestamptz not null default now(),
    retired_at  timestamptz
);
