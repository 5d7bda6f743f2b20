-- The evm chain adapter (SPEC §10, docs/chains.md): escrow of settlements whose legs live on a configured EVM chain,
-- the chain command outbox, the event watcher's cursor and the log of applied chain events.
-- Like V5, no foreign keys to settlement tables: the chain module only knows settlement ids.

-- Contracts the server deployed itself (keystone.chains.evm.<id>.deploy-contracts=true, for dev nodes).
create table evm_deployments (
    chain_id     bigint      primary key check (chain_id > 0),
    registry     text        not null check (registry ~ '^0x[0-9a-f]{40}$'),
    coordinator  text        not null check (coordinator ~ '^0x[0-9a-f]{40}$'),
    escrow       text        not null check (escrow ~ '^0x[0-9a-f]{40}$'),
    deploy_block bigint      not null,
    deployed_at  timestamptz not null default now()
);

-- One row per settlement escrowed on an EVM chain. status: opening (open command queued) → open (on chain in
-- AWAITING_DEPOSITS) → releasing → released, or → refunding → refunded.
create table evm_escrows (
    settlement_id uuid        primary key,
    chain_id      bigint      not null check (chain_id > 0),
    timeout_at    timestamptz not null,
    deadline      timestamptz not null,
    escrow_address text       check (escrow_address ~ '^0x[0-9a-f]{40}$'),
    status        text        not null default 'opening'
                              check (status in ('opening', 'open', 'releasing', 'released', 'refunding', 'refunded')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create table evm_escrow_legs (
    settlement_id         uuid        not null references evm_escrows (settlement_id),
    leg_index             integer     not null check (leg_index >= 0),
    chain_id              bigint      not null check (chain_id > 0),
    instrument_id         text        not null,
    token_address         text        not null check (token_address ~ '^0x[0-9a-f]{40}$'),
    quantity              numeric     not null check (quantity > 0),
    depositor_wallet      text        not null check (depositor_wallet ~ '^0x[0-9a-f]{40}$'),
    recipient_wallet      text        not null check (recipient_wallet ~ '^0x[0-9a-f]{40}$'),
    owning_platform_id    uuid        not null,
    owning_environment_id uuid        not null,
    deposit_key           text        not null check (deposit_key ~ '^0x[0-9a-f]{64}$'),
    deposit_secret        text        not null check (deposit_secret ~ '^0x[0-9a-f]{64}$'),
    status                text        not null default 'pending'
                                      check (status in ('pending', 'deposited', 'released', 'refunded')),
    deposit_tx            text,
    payer_wallet          text,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    primary key (settlement_id, leg_index)
);

-- The outbox of chain commands: written in the settlement transaction that decides them, executed afterwards by
-- a worker (so a transaction the chain accepted is never "rolled back" by the database). One per settlement and
-- kind; within a settlement they run in id order.
create table chain_commands (
    id              bigint generated always as identity primary key,
    settlement_id   uuid        not null,
    chain_id        bigint      not null,
    kind            text        not null check (kind in ('open', 'release', 'refund')),
    status          text        not null default 'pending' check (status in ('pending', 'done', 'failed')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    leased_until    timestamptz,
    last_error      text,
    outcome         text,
    created_at      timestamptz not null default now(),
    completed_at    timestamptz,
    unique (settlement_id, kind)
);
create index chain_commands_due on chain_commands (chain_id, next_attempt_at) where status = 'pending';

-- Every transaction a chain command sent, with its gas.
create table chain_transactions (
    id            bigint generated always as identity primary key,
    command_id    bigint      not null references chain_commands (id),
    settlement_id uuid        not null,
    chain_id      bigint      not null,
    function_name text        not null,
    tx_hash       text        not null,
    block_number  bigint      not null,
    gas_used      bigint      not null,
    created_at    timestamptz not null default now()
);
create index chain_transactions_settlement on chain_transactions (settlement_id);

-- The watcher's position per chain: every block below next_block is applied; last_block/last_hash detect reorgs.
create table chain_cursors (
    chain_id   bigint      primary key,
    next_block bigint      not null check (next_block >= 0),
    last_block bigint,
    last_hash  text,
    updated_at timestamptz not null default now()
);

-- Every escrow event the watcher applied, once (the unique key makes a re-scan after a restart or a reorg a no-op).
create table chain_events (
    chain_id      bigint      not null,
    tx_hash       text        not null,
    log_index     bigint      not null,
    block_number  bigint      not null,
    block_hash    text        not null,
    event         text        not null,
    settlement_id uuid        not null,
    leg_index     integer,
    applied_at    timestamptz not null default now(),
    primary key (chain_id, tx_hash, log_index)
);
create index chain_events_settlement on chain_events (settlement_id);
