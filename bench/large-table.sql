-- Fills a KeyStone OS database with a large, realistic settlement history for the list/get benchmark
-- (bench/large-table.sh runs it; see bench/README.md "Large table: large-table.sh").
--
-- Preconditions: the schema comes from the server's own Flyway migrations and the demo data is seeded (start the
-- server once against the empty database). The demo platforms 'Acme Securities' and 'Beta Capital' with their
-- sandbox environments must exist: their M2M clients are the ones the bench uses.
--
-- psql variables (all set by large-table.sh):
--   total        settlements to add (10000000)
--   span_days    created_at is spread evenly over this many days up to now (365)
--   hot_events   1: write the event chain of every settlement of the hot environment; 0: no events
--
-- What it writes, set-based (insert … select … from generate_series), rows in created_at order (as a live system
-- appends them), with random-looking uuid ids (md5 of the row number, so a re-run with the same parameters writes
-- the same ids):
--   * 8 extra platforms, each with a production and a sandbox environment, and a production environment for Acme;
--   * settlements spread over 19 environments: the hot one, Acme's sandbox, owns 25 % (2.5 M of 10 M); every row
--     has a seller and a buyer party (cross-platform rows put the buyer in another platform's environment: 40 % of
--     the hot rows with Beta Capital's sandbox) and legs (80 % delivery versus payment with 2 legs, 20 % free of
--     payment with 1);
--   * states by age: older than a day 93 % FINALIZED, 4 % ROLLED_BACK (at compliance), 3 % TIMED_OUT (after
--     deposits); the last day 50 % FINALIZED, 40 % AWAITING_DEPOSITS, 6 % ROLLED_BACK, 4 % COMPLIANCE_CHECKING;
--   * for every settlement the hot environment has a party in (the rows the bench reads): compliance results
--     (entity + wallet check per party), simulated-chain escrow legs for the settlements that reached
--     AWAITING_DEPOSITS, and (hot_events = 1) the event chain of every state change. Other rows have none of these.
--     Event hashes are random: GET …/evidence reports these synthetic chains as broken.
-- Not written: instructions, webhook outbox/deliveries, engine jobs (no settlement is picked up by the engine),
-- chain ledger entries and balances.
--
-- Loading: secondary indexes, primary/unique keys and foreign keys of the filled tables are dropped first and
-- recreated from their saved definitions afterwards (pg_get_indexdef / pg_get_constraintdef), so the schema ends up
-- exactly as the migrations made it; then VACUUM ANALYZE.

\set ON_ERROR_STOP on
\timing on
set maintenance_work_mem = '1GB';
set work_mem = '256MB';
set synchronous_commit = off;

-- ---- environments ---------------------------------------------------------------------------------------------
create temporary table bench_env (
    slot                     integer primary key,
    platform_id              uuid not null,
    environment_id           uuid not null,
    kind                     text not null,
    counterparty_platform_id uuid not null,
    counterparty_env_id      uuid not null,
    cross_permille           integer not null,  -- share of cross-platform settlements, per mille
    weight                   integer not null   -- share of all settlements, per cent
);

do $$
declare
    acme      uuid := (select id from platforms where name = 'Acme Securities');
    beta      uuid := (select id from platforms where name = 'Beta Capital');
    acme_sbx  uuid := (select id from environments where platform_id = acme and kind = 'sandbox' limit 1);
    beta_sbx  uuid := (select id from environments where platform_id = beta and kind = 'sandbox' limit 1);
    acme_prod uuid;
    p         uuid;
    prod      uuid[] := '{}';
    sbx       uuid[] := '{}';
    plats     uuid[] := '{}';
    prod_weights integer[] := array[12, 10, 8, 7, 6, 5, 4, 3];
    k         integer;
begin
    if acme_sbx is null or beta_sbx is null then
        raise exception 'the demo platforms are missing: start the server once against this database first';
    end if;
    if exists (select 1 from platforms where slug = 'bench-platform-01') then
        raise exception 'this database was filled already (platform bench-platform-01 exists)';
    end if;
    acme_prod := gen_random_uuid();
    insert into environments (id, platform_id, name, slug, kind, api_version)
    values (acme_prod, acme, 'Production', 'production', 'production', '2026-01');
    for k in 1..8 loop
        p := gen_random_uuid();
        insert into platforms (id, name, slug, support_email)
        values (p, format('Bench Platform %s', lpad(k::text, 2, '0')), format('bench-platform-%s', lpad(k::text, 2, '0')),
                format('ops@bench-%s.example', k));
        plats := plats || p;
        prod := prod || gen_random_uuid();
        sbx := sbx || gen_random_uuid();
        insert into environments (id, platform_id, name, slug, kind, api_version)
        values (prod[k], p, 'Production', 'production', 'production', '2026-01'),
               (sbx[k], p, 'Sandbox', 'sandbox', 'sandbox', '2026-01');
    end loop;
    -- slot 1 is the hot environment; weights add up to 100
    insert into bench_env values (1, acme, acme_sbx, 'sandbox', beta, beta_sbx, 400, 25);
    insert into bench_env values (2, beta, beta_sbx, 'sandbox', acme, acme_sbx, 300, 3);
    insert into bench_env values (3, acme, acme_prod, 'production', plats[1], prod[1], 300, 5);
    for k in 1..8 loop
        insert into bench_env values (3 + k, plats[k], prod[k], 'production',
                                      plats[k % 8 + 1], prod[k % 8 + 1], 300, prod_weights[k]);
        -- 8 sandboxes share 12 %: the first four get 2 %, the others 1 %
        insert into bench_env values (11 + k, plats[k], sbx[k], 'sandbox',
                                      plats[k % 8 + 1], sbx[k % 8 + 1], 300, case when k <= 4 then 2 else 1 end);
    end loop;
    if (select sum(weight) from bench_env) <> 100 then
        raise exception 'environment weights add up to %, not 100', (select sum(weight) from bench_env);
    end if;
end
$$;

-- bench_bucket: 100 buckets, one per cent of the settlements, each naming its owner's slot
create temporary table bench_bucket as
select row_number() over (order by slot) as bucket, slot
from bench_env, generate_series(1, weight);

create temporary table bench_template as
select (select id from settlement_templates where slug = 'dvp-standard') as dvp,
       (select version from settlement_templates where slug = 'dvp-standard') as dvp_version,
       (select id from settlement_templates where slug = 'fop-standard') as fop,
       (select version from settlement_templates where slug = 'fop-standard') as fop_version;

create temporary table bench_clock as
select now() as at, (:span_days || ' days')::interval as span, :total::bigint as total,
       (select array_agg(slot order by bucket) from bench_bucket) as slots;

-- ---- the plan of every settlement (a view: each insert below recomputes it, nothing is materialised) ---------
create temporary view bench_plan as
with raw as (
    select i,
           md5('settlement-' || i)::uuid as id,
           c.at - c.span * ((c.total - i)::float8 / c.total) as created_at,
           c.at - c.span * ((c.total - i)::float8 / c.total) > c.at - interval '1 day' as last_day,
           c.slots[1 + abs(hashint8(i)) % 100] as slot,
           abs(hashint8(i * 3 + 1)) % 1000 as r_cross,
           abs(hashint8(i * 3 + 2)) % 1000 as r_state,
           abs(hashint8(i * 7 + 5)) % 100 as r_template
    from bench_clock c, generate_series(1, (select total from bench_clock)) as i
)
select r.i, r.id, r.created_at, e.slot, e.slot = 1 as hot,
       e.platform_id, e.environment_id, e.kind,
       r.r_cross < e.cross_permille as cross_platform,
       case when r.r_cross < e.cross_permille then e.counterparty_platform_id else e.platform_id end as buyer_platform_id,
       case when r.r_cross < e.cross_permille then e.counterparty_env_id else e.environment_id end as buyer_env_id,
       r.r_template < 80 as dvp,
       case
           when not r.last_day then case when r.r_state < 930 then 'FINALIZED'
                                         when r.r_state < 970 then 'ROLLED_BACK'
                                         else 'TIMED_OUT' end
           else case when r.r_state < 500 then 'FINALIZED'
                     when r.r_state < 900 then 'AWAITING_DEPOSITS'
                     when r.r_state < 960 then 'ROLLED_BACK'
                     else 'COMPLIANCE_CHECKING' end
       end as state
from raw r join bench_env e on e.slot = r.slot;

-- Every state's path from creation: the events it has, and when each happened (seconds after created_at).
create temporary table bench_path (state text, sequence integer, from_state text, to_state text,
                                   triggered_by text, payload jsonb, after_s numeric);
insert into bench_path values
    ('FINALIZED', 1, null, 'INSTRUCTED', 'matching', '{"reason": "instructions_matched"}', 0),
    ('FINALIZED', 2, 'INSTRUCTED', 'COMPLIANCE_CHECKING', 'system:engine', '{"reason": "automatic"}', 0.6),
    ('FINALIZED', 3, 'COMPLIANCE_CHECKING', 'COMPLIANCE_CLEARED', 'system:engine', '{"reason": "compliance_cleared", "parties": [{"role": "buyer", "status": "cleared"}, {"role": "seller", "status": "cleared"}]}', 1.5),
    ('FINALIZED', 4, 'COMPLIANCE_CLEARED', 'AWAITING_DEPOSITS', 'system:engine', '{"reason": "automatic"}', 1.7),
    ('FINALIZED', 5, 'AWAITING_DEPOSITS', 'EXECUTING_SWAP', 'system:engine', '{"reason": "all_deposits_received"}', 900),
    ('FINALIZED', 6, 'EXECUTING_SWAP', 'FINALIZED', 'system:engine', '{"reason": "automatic"}', 900.4),
    ('AWAITING_DEPOSITS', 1, null, 'INSTRUCTED', 'matching', '{"reason": "instructions_matched"}', 0),
    ('AWAITING_DEPOSITS', 2, 'INSTRUCTED', 'COMPLIANCE_CHECKING', 'system:engine', '{"reason": "automatic"}', 0.6),
    ('AWAITING_DEPOSITS', 3, 'COMPLIANCE_CHECKING', 'COMPLIANCE_CLEARED', 'system:engine', '{"reason": "compliance_cleared", "parties": [{"role": "buyer", "status": "cleared"}, {"role": "seller", "status": "cleared"}]}', 1.5),
    ('AWAITING_DEPOSITS', 4, 'COMPLIANCE_CLEARED', 'AWAITING_DEPOSITS', 'system:engine', '{"reason": "automatic"}', 1.7),
    ('ROLLED_BACK', 1, null, 'INSTRUCTED', 'matching', '{"reason": "instructions_matched"}', 0),
    ('ROLLED_BACK', 2, 'INSTRUCTED', 'COMPLIANCE_CHECKING', 'system:engine', '{"reason": "automatic"}', 0.6),
    ('ROLLED_BACK', 3, 'COMPLIANCE_CHECKING', 'ROLLED_BACK', 'system:engine', '{"reason": "compliance_failed", "parties": [{"role": "buyer", "status": "failed"}, {"role": "seller", "status": "cleared"}]}', 1.5),
    ('TIMED_OUT', 1, null, 'INSTRUCTED', 'matching', '{"reason": "instructions_matched"}', 0),
    ('TIMED_OUT', 2, 'INSTRUCTED', 'COMPLIANCE_CHECKING', 'system:engine', '{"reason": "automatic"}', 0.6),
    ('TIMED_OUT', 3, 'COMPLIANCE_CHECKING', 'COMPLIANCE_CLEARED', 'system:engine', '{"reason": "compliance_cleared", "parties": [{"role": "buyer", "status": "cleared"}, {"role": "seller", "status": "cleared"}]}', 1.5),
    ('TIMED_OUT', 4, 'COMPLIANCE_CLEARED', 'AWAITING_DEPOSITS', 'system:engine', '{"reason": "automatic"}', 1.7),
    ('TIMED_OUT', 5, 'AWAITING_DEPOSITS', 'TIMED_OUT', 'system:engine', '{"reason": "timeout"}', 86400),
    ('COMPLIANCE_CHECKING', 1, null, 'INSTRUCTED', 'matching', '{"reason": "instructions_matched"}', 0),
    ('COMPLIANCE_CHECKING', 2, 'INSTRUCTED', 'COMPLIANCE_CHECKING', 'system:engine', '{"reason": "automatic"}', 0.6);

create temporary table bench_path_end as
select state, max(sequence) as version, max(after_s) as after_s from bench_path group by state;

-- ---- drop keys and indexes of the filled tables, keeping their definitions ------------------------------------
create temporary table bench_ddl (step integer, object text, drop_sql text, create_sql text);
create temporary table bench_tables as
select unnest(array['settlements', 'settlement_parties', 'settlement_legs', 'settlement_events',
                    'compliance_checks', 'chain_escrow_legs'])::regclass as rel;

-- foreign keys from or to the filled tables: dropped first, created last
insert into bench_ddl
select 3, c.conname,
       format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname),
       format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
from pg_constraint c
where c.contype = 'f'
  and (c.conrelid in (select rel from bench_tables) or c.confrelid in (select rel from bench_tables));
-- primary and unique keys
insert into bench_ddl
select 2, c.conname,
       format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname),
       format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
from pg_constraint c
where c.contype in ('p', 'u') and c.conrelid in (select rel from bench_tables);
-- other indexes
insert into bench_ddl
select 1, i.indexrelid::regclass::text,
       format('drop index %s', i.indexrelid::regclass),
       pg_get_indexdef(i.indexrelid)
from pg_index i
where i.indrelid in (select rel from bench_tables)
  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'));

select step, object from bench_ddl order by step desc, object;

do $$
declare
    d record;
begin
    for d in select * from bench_ddl order by step desc loop
        execute d.drop_sql;
    end loop;
end
$$;

-- ---- settlements ----------------------------------------------------------------------------------------------
insert into settlements (id, idempotency_key, platform_id, environment_id, environment_kind, template_id,
                         template_slug, template_version, external_reference, settlement_type, settlement_category,
                         parent_settlement_id, maturity_at, repo_metadata, state, version, timeout_at, created_at,
                         updated_at)
select p.id,
       case when p.cross_platform then null else 'order-' || p.i end,
       p.platform_id, p.environment_id, p.kind,
       case when p.dvp then t.dvp else t.fop end,
       case when p.dvp then 'dvp-standard' else 'fop-standard' end,
       case when p.dvp then t.dvp_version else t.fop_version end,
       case when p.cross_platform then 'KS-' || md5('trade-' || p.i)::uuid else 'TRADE-' || p.i end,
       case when p.cross_platform then 'cross_platform' else 'single_platform' end,
       null, null, null, null,
       p.state, pe.version,
       p.created_at + interval '1 day',
       p.created_at,
       p.created_at + pe.after_s * interval '1 second'
from bench_plan p cross join bench_template t join bench_path_end pe on pe.state = p.state;

-- ---- parties: seller in the owner's environment, buyer in the owner's or the counterparty's -------------------
insert into settlement_parties (id, settlement_id, role, platform_id, environment_id, external_reference, name,
                                wallet_address, chain_id, status, created_at, updated_at)
select md5('party-' || p.i || '-' || r.role)::uuid, p.id, r.role,
       case when r.role = 'seller' then p.platform_id else p.buyer_platform_id end,
       case when r.role = 'seller' then p.environment_id else p.buyer_env_id end,
       upper(r.role) || '-REF-' || p.i,
       case when r.role = 'seller' then 'Seller Fund ' else 'Buyer Fund ' end || (p.i % 5000),
       '0x' || substr(md5('wallet-' || r.role || (p.i % 20000)), 1, 32) || '00000000',
       11155111,
       case when p.state = 'COMPLIANCE_CHECKING' and r.role = 'buyer' then 'flagged'
            when p.state = 'ROLLED_BACK' and r.role = 'buyer' then 'failed'
            else 'cleared' end,
       p.created_at,
       p.created_at + interval '1.5 second'
from bench_plan p cross join (values ('seller'), ('buyer')) as r (role);

-- ---- legs: the asset from the seller, the payment (delivery versus payment only) from the buyer -----------------
insert into settlement_legs (id, settlement_id, leg_index, leg_type, instrument_id, chain_id, token_standard,
                             quantity, direction, party_role, external_reference, status, created_at, updated_at)
select md5('leg-' || p.i || '-' || l.leg_index)::uuid, p.id, l.leg_index,
       case when l.leg_index = 0 then 'asset_delivery' else 'payment' end,
       case when l.leg_index = 0 then 'BOND-2026-A' else 'TUSDC' end,
       11155111, 'ERC-20',
       case when l.leg_index = 0 then 100 * (1 + p.i % 50) else 99.5 * (1 + p.i % 50) * 100 end,
       'deliver',
       case when l.leg_index = 0 then 'seller' else 'buyer' end,
       null,
       case p.state when 'FINALIZED' then 'released' when 'TIMED_OUT' then 'rolled_back'
                    when 'ROLLED_BACK' then 'rolled_back' else 'pending' end,
       p.created_at,
       p.created_at + interval '1 second'
from bench_plan p join (values (0), (1)) as l (leg_index) on l.leg_index = 0 or p.dvp;

-- ---- what the hot environment's reads also touch: compliance results, escrow legs, events --------------------
insert into compliance_checks (settlement_id, position, party_id, check_type, provider, outcome, reference,
                               checked_at)
select p.id, c.position, md5('party-' || p.i || '-' || c.role)::uuid, c.check_type, 'sanctions_list',
       case when c.role = 'buyer' and p.state = 'COMPLIANCE_CHECKING' and c.check_type = 'entity' then 'flagged'
            when c.role = 'buyer' and p.state = 'ROLLED_BACK' and c.check_type = 'entity' then 'fail'
            else 'pass' end,
       case when c.role = 'buyer' and p.state in ('COMPLIANCE_CHECKING', 'ROLLED_BACK') and c.check_type = 'entity'
            then 'sanctions_list:match' else 'sanctions_list:clear' end,
       p.created_at + interval '1.2 second'
from bench_plan p
cross join (values (0, 'buyer', 'entity'), (1, 'buyer', 'wallet'), (2, 'seller', 'entity'), (3, 'seller', 'wallet'))
    as c (position, role, check_type)
where p.hot or p.buyer_env_id = (select environment_id from bench_env where slot = 1);

insert into chain_escrow_legs (settlement_id, leg_index, chain_id, instrument_id, quantity, depositor_wallet,
                               recipient_wallet, owning_platform_id, owning_environment_id, deposit_key,
                               deposit_secret, status, created_at, deposited_at, closed_at, updated_at)
select p.id, l.leg_index, 11155111,
       case when l.leg_index = 0 then 'BOND-2026-A' else 'TUSDC' end,
       case when l.leg_index = 0 then 100 * (1 + p.i % 50) else 99.5 * (1 + p.i % 50) * 100 end,
       '0x' || substr(md5('wallet-' || l.depositor || (p.i % 20000)), 1, 32) || '00000000',
       '0x' || substr(md5('wallet-' || l.recipient || (p.i % 20000)), 1, 32) || '00000000',
       case when l.leg_index = 0 then p.platform_id else p.buyer_platform_id end,
       case when l.leg_index = 0 then p.environment_id else p.buyer_env_id end,
       '0x' || md5('deposit-key-' || p.i || '-' || l.leg_index) || md5('key-' || p.i || '-' || l.leg_index),
       '0x' || md5('deposit-secret-' || p.i || '-' || l.leg_index) || md5('secret-' || p.i || '-' || l.leg_index),
       s.status,
       p.created_at + interval '1.7 second',
       case when s.status in ('released', 'refunded', 'deposited') then p.created_at + interval '600 second' end,
       case when s.status in ('released', 'refunded') then p.created_at + pe.after_s * interval '1 second' end,
       p.created_at + pe.after_s * interval '1 second'
from bench_plan p
join bench_path_end pe on pe.state = p.state
join (values (0, 'seller', 'buyer'), (1, 'buyer', 'seller')) as l (leg_index, depositor, recipient)
    on l.leg_index = 0 or p.dvp
cross join lateral (select case p.state
                               when 'FINALIZED' then 'released'
                               when 'TIMED_OUT' then case when l.leg_index = 0 then 'refunded' else 'pending' end
                               else 'pending' end as status) s
where (p.hot or p.buyer_env_id = (select environment_id from bench_env where slot = 1))
  and p.state in ('FINALIZED', 'TIMED_OUT', 'AWAITING_DEPOSITS');

\if :hot_events
insert into settlement_events (id, settlement_id, sequence, from_state, to_state, triggered_by, payload,
                               evidence_hash, content_hash, created_at)
select md5('event-' || p.i || '-' || e.sequence)::uuid, p.id, e.sequence, e.from_state, e.to_state,
       e.triggered_by, e.payload,
       md5('evidence-' || p.i || '-' || e.sequence) || md5('e' || p.i || '-' || e.sequence),
       md5('content-' || p.i || '-' || e.sequence) || md5('c' || p.i || '-' || e.sequence),
       p.created_at + e.after_s * interval '1 second'
from bench_plan p join bench_path e on e.state = p.state
where p.hot or p.buyer_env_id = (select environment_id from bench_env where slot = 1);
\endif

-- ---- restore indexes, keys and foreign keys exactly as the migrations defined them -----------------------------
do $$
declare
    d record;
begin
    for d in select * from bench_ddl order by step, object loop
        raise notice '%', d.create_sql;
        execute d.create_sql;
    end loop;
end
$$;

select (select count(*) from bench_ddl) as restored,
       (select count(*) from pg_indexes where tablename in ('settlements', 'settlement_parties', 'settlement_legs',
        'settlement_events', 'compliance_checks', 'chain_escrow_legs')) as indexes_now;
