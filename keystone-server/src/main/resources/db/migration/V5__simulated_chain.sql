-- The simulated chain adapter (SPEC §10): test-token balances, escrowed legs and an append-only journal of every
-- balance movement. No foreign keys to settlement tables: the chain module only knows settlement ids.
-- Conservation, per (chain_id, instrument_id): sum(chain_balances.amount)
--   + sum(chain_escrow_legs.quantity where status = 'deposited') = sum(minted amounts in chain_ledger_entries).

create table chain_balances (
    chain_id       bigint      not null check (chain_id > 0),
    instrument_id  text        not null check (char_length(instrument_id) > 0),
    wallet_address text        not null check (wallet_address ~ '^0x[0-9a-f]{40}$'),
    amount         numeric     not null check (amount >= 0),
    updated_at     timestamptz not null default now(),
    primary key (chain_id, instrument_id, wallet_address)
);

create table chain_escrow_legs (
    settlement_id         uuid        not null,
    leg_index             integer     not null check (leg_index >= 0),
    chain_id              bigint      not null check (chain_id > 0),
    instrument_id         text        not null check (char_length(instrument_id) > 0),
    quantity              numeric     not null check (quantity > 0),
    depositor_wallet      text        not null check (depositor_wallet ~ '^0x[0-9a-f]{40}$'),
    recipient_wallet      text        not null check (recipient_wallet ~ '^0x[0-9a-f]{40}$'),
    owning_platform_id    uuid        not null,
    owning_environment_id uuid        not null,
    deposit_key           text        not null check (deposit_key ~ '^0x[0-9a-f]{64}$'),
    deposit_secret        text        not null check (deposit_secret ~ '^0x[0-9a-f]{64}$'),
    status                text        not null default 'pending'
                                      check (status in ('pending', 'deposited', 'released', 'refunded')),
    created_at            timestamptz not null default now(),
    deposited_at          timestamptz,
    closed_at             timestamptz,
    updated_at            timestamptz not null default now(),
    primary key (settlement_id, leg_index),
    check ((status in ('released', 'refunded')) = (closed_at is not null))
);

-- One row per movement: mint (faucet → wallet), deposit (depositor → escrow), release (escrow → recipient),
-- refund (escrow → depositor). from_address is null for mints; the escrow appears as the chain's escrow address.
create table chain_ledger_entries (
    id            bigint generated always as identity primary key,
    kind          text        not null check (kind in ('mint', 'deposit', 'release', 'refund')),
    chain_id      bigint      not null,
    instrument_id text        not null,
    amount        numeric     not null check (amount > 0),
    from_address  text,
    to_address    text        not null,
    settlement_id uuid,
    leg_index     integer,
    triggered_by  text,
    created_at    timestamptz not null default now(),
    check ((kind = 'mint') = (from_address is null)),
    check ((kind = 'mint') = (settlement_id is null and leg_index is null))
);
create index chain_ledger_entries_settlement on chain_ledger_entries (settlement_id, leg_index);
create index chain_ledger_entries_instrument on chain_ledger_entries (chain_id, instrument_id);

create function chain_ledger_entries_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'chain_ledger_entries is append-only';
end;
$$;

create trigger chain_ledger_entries_no_rewrite
    before update or delete or truncate on chain_ledger_entries
    for each statement execute function chain_ledger_entries_append_only();
