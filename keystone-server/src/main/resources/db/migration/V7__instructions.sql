-- Bilateral instructions (SPEC §6). Each side of a trade is one row; matching pairs them by trade_reference
-- within one environment kind (sandbox never matches production).
create table instructions (
    id                  uuid primary key,
    platform_id         uuid        not null,
    environment_id      uuid        not null,
    environment_kind    text        not null check (environment_kind in ('sandbox', 'production')),
    template_slug       text        not null,
    role                text        not null,
    trade_reference     text        not null check (char_length(trade_reference) between 1 and 200),
    status              text        not null check (status in ('pending_match', 'matched', 'cancelled', 'expired')),
    party               jsonb       not null,
    legs                jsonb       not null,
    timeout_at          timestamptz not null,
    expires_at          timestamptz not null,
    fee_mode            text check (fee_mode in ('seller_pays', 'buyer_pays', 'split')),
    settlement_category text check (settlement_category in ('repo_open')),
    maturity_at         timestamptz,
    repayment_amount    numeric,
    repo_rate           text,
    idempotency_key     text        not null,
    settlement_id       uuid references settlements (id),
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
-- One pending instruction per side of a trade reference.
create unique index instructions_one_pending_side on instructions (environment_kind, trade_reference, role)
    where status = 'pending_match';
create index instructions_reference on instructions (environment_kind, trade_reference);
create index instructions_environment_created on instructions (environment_id, created_at desc, id);
create index instructions_expiring on instructions (expires_at) where status = 'pending_match';
